#pragma once
// Renders a resolved blueprint as Terraform: versions, providers, variables,
// main and outputs files, through the provider mappings of the catalog.

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/render/file_sink.hpp"
#include "dharma/render/hcl_model.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::render {

enum class TerraformFormat { hcl, json };

// Hands each file (main.tf, versions.tf, ... or *.tf.json) to `sink` as
// soon as it is written. Problems (a type the provider cannot express, a
// value that cannot be rendered) go to `diagnostics`; files handed over
// before one was found must then be discarded. A blueprint with no Terraform
// resources (only k8s.* types) yields no files. With `main_stream`, main.tf
// (HCL format, a provider without shared resources: those come first in the
// file but are known only at its end) goes to it in pieces as it is written
// instead of whole to `sink`; the same bytes either way.
void render_terraform(const blueprint::ResolvedBlueprint& blueprint, const catalog::MappingCatalog& mappings,
                      TerraformFormat format, util::Diagnostics& diagnostics, const FileSink& sink,
                      FileStream* main_stream = nullptr);

// The same rendering, for a reader in the same process (`dharma drift`): the
// HCL models of main.tf.json and variables.tf.json (when it has variables)
// handed over as built, never written as text nor turned into JSON
// documents (hcl::to_json and hcl::body_to_json do that from them); the
// other files are not built.
// With `blocks`, main.tf.json is never whole: each of its blocks goes to
// `blocks` as soon as its resource is built and is freed once it returns
// (`shared` false, in the model's order); the provider's shared blocks, which
// come first in main.tf.json but are known only at its end, follow last with
// `shared` true; `sink` then gets only variables.tf.json. On an error in
// `diagnostics`, blocks handed over before it must be discarded.
using DocumentSink = std::function<void(const std::string& name, hcl::Document document)>;
using BlockSink = std::function<void(const hcl::Block& block, bool shared)>;
void render_terraform_documents(const blueprint::ResolvedBlueprint& blueprint,
                                const catalog::MappingCatalog& mappings, util::Diagnostics& diagnostics,
                                const DocumentSink& sink, const BlockSink* blocks = nullptr);

}  // namespace dharma::render
