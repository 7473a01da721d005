#pragma once
// Fills an HCL body from a mapping's `attributes` template or from a
// provider-native resource's properties. In both, a list of mappings is a
// list of nested blocks (as in Terraform's JSON syntax); everything else is
// an attribute. A block item with a `for_each` key repeats once per element.
// Argument and block names must be HCL identifiers (docs/generate.md).

#include "dharma/catalog/mapping_template.hpp"
#include "dharma/render/hcl_model.hpp"
#include "dharma/render/mapping_evaluator.hpp"

namespace dharma::render {

void fill_body_from_template(hcl::Body& body, const catalog::TemplateNode& attributes,
                             const TemplateContext& context);

// `origin`: the YAML mapping `properties` was read from, to place errors (may be null).
// Throws RenderError for a name that is not an HCL identifier: a body's
// arguments and block types cannot be quoted, so such a name is refused.
void fill_body_from_properties(hcl::Body& body, const value::Map& properties, const TemplateContext& context,
                               const yaml::Node* origin);

}  // namespace dharma::render
