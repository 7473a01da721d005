#include "dharma/render/terraform_body.hpp"

#include "dharma/render/hcl_writer.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::render {
namespace {

using catalog::TemplateNode;

bool is_block_list(const TemplateNode& node) {
  if (node.kind != TemplateNode::Kind::sequence || node.items.empty()) {
    return false;
  }
  for (const auto& item : node.items) {
    if (item.kind != TemplateNode::Kind::map || item.find("element") != nullptr) {
      return false;  // `element` items (with for_each) build a plain list
    }
  }
  return true;
}

bool is_block_list(const value::Value& value) {
  if (value.kind() != value::Value::Kind::list || value.as_list().empty() || value.expression) {
    return false;
  }
  for (const auto& item : value.as_list()) {
    if (item.kind() != value::Value::Kind::map) {
      return false;
    }
  }
  return true;
}

// A body's own argument and nested block names are bare HCL identifiers:
// unlike an object key, HCL has no quoted form for them, so a name that is
// not an identifier could only be written by letting it become structure.
void require_argument_name(const std::string& name, const util::SourceLocation& where) {
  if (!hcl::is_identifier(name)) {
    throw RenderError{where,
                      "property " + hcl::quote(name) +
                          " cannot be written as a Terraform argument or block name (letters, digits, "
                          "'_' and '-', starting with a letter or '_'); rename it, or nest it in a map"};
  }
}

// Where `name` was written: its key in `map_node`, else its value, else nowhere.
util::SourceLocation key_location(const yaml::Node* map_node, const std::string& name,
                                  const value::Value& value) {
  if (map_node != nullptr) {
    if (const yaml::Node* key = map_node->find_key(name)) {
      return key->location();
    }
  }
  return value.location();
}

}  // namespace

void fill_body_from_template(hcl::Body& body, const TemplateNode& attributes,
                             const TemplateContext& context) {
  body.items.reserve(body.items.size() + attributes.entries.size());  // no reallocation per attribute
  for (const auto& [name, node] : attributes.entries) {
    if (name == "keep_empty") {
      continue;  // a block is written even when empty
    }
    require_argument_name(name, node.location);
    if (!is_block_list(node)) {
      if (MaybeEvaluated value = evaluate_template_code(node, context)) {
        body.attribute(name, std::move(value->code));
      }
      continue;
    }
    bool keep_empty = false;
    bool any_block = false;
    for (const auto& item : node.items) {
      if (is_keep_empty_marker(item)) {
        keep_empty = true;
        continue;
      }
      visit_item(item, context, [&](const TemplateNode& inner, const TemplateContext& element) {
        fill_body_from_template(body.block(name).body, inner, element);
        any_block = true;
      });
    }
    if (keep_empty && !any_block) {
      body.attribute(name, hcl::Expression::from_list({}));  // no blocks, said explicitly: `egress = []`
    }
  }
}

void fill_body_from_properties(hcl::Body& body, const value::Map& properties, const TemplateContext& context,
                               const yaml::Node* origin) {
  for (const auto& [name, value] : properties) {
    if (value.is_null()) {
      continue;
    }
    require_argument_name(name, key_location(origin, name, value));
    if (!is_block_list(value)) {
      body.attribute(name, evaluate_value_code(value, context).code);
      continue;
    }
    for (const auto& item : value.as_list()) {
      fill_body_from_properties(body.block(name).body, item.as_map(), context, item.origin);
    }
  }
}

}  // namespace dharma::render
