#pragma once
// Renders a resolved blueprint as Terraform: versions, providers, variables,
// main and outputs files, through the provider mappings of the catalog.

#include <map>
#include <string>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::render {

enum class TerraformFormat { hcl, json };

// File name (versions.tf, main.tf, ... or *.tf.json) -> content. Problems
// (a type the provider cannot express, a value that cannot be rendered) go
// to `diagnostics` and the result is then empty. A blueprint with no
// Terraform resources (only k8s.* types) yields no files.
std::map<std::string, std::string> render_terraform(const blueprint::ResolvedBlueprint& blueprint,
                                                    const catalog::MappingCatalog& mappings, TerraformFormat format,
                                                    util::Diagnostics& diagnostics);

}  // namespace dharma::render
