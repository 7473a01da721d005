#pragma once
// Fills an HCL body from a mapping's `attributes` template or from a
// provider-native resource's properties. In both, a list of mappings is a
// list of nested blocks (as in Terraform's JSON syntax); everything else is
// an attribute. A block item with a `for_each` key repeats once per element.

#include "dharma/catalog/mapping_template.hpp"
#include "dharma/render/hcl_model.hpp"
#include "dharma/render/mapping_evaluator.hpp"

namespace dharma::render {

void fill_body_from_template(hcl::Body& body, const catalog::TemplateNode& attributes, const TemplateContext& context);

void fill_body_from_properties(hcl::Body& body, const blueprint::Map& properties, const TemplateContext& context);

}  // namespace dharma::render
