#pragma once
// The Terraform files around main.tf: versions.tf (required_version and
// required_providers), variables.tf (one variable per blueprint parameter,
// with validation blocks), outputs.tf and the provider blocks.

#include <set>
#include <string>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/render/hcl_model.hpp"
#include "dharma/render/terraform_scope.hpp"

namespace dharma::render {

// `providers`: the provider definitions used, blueprint provider first.
hcl::Document versions_document(const std::vector<const catalog::ProviderDefinition*>& providers);
hcl::Document providers_document(const std::vector<const catalog::ProviderDefinition*>& providers,
                                 const TemplateContext& context);
// Throws RenderError when a provider variable collides with a parameter.
hcl::Document variables_document(const blueprint::ResolvedBlueprint& blueprint,
                                 const std::vector<const catalog::ProviderDefinition*>& providers,
                                 const std::set<std::string>& used_variables, const TemplateContext& context);
hcl::Document outputs_document(const blueprint::ResolvedBlueprint& blueprint, const TemplateContext& context);

}  // namespace dharma::render
