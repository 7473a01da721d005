#include "dharma/render/terraform_body.hpp"

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

bool is_block_list(const blueprint::Value& value) {
  if (value.kind() != blueprint::Value::Kind::list || value.as_list().empty() || value.expression) {
    return false;
  }
  for (const auto& item : value.as_list()) {
    if (item.kind() != blueprint::Value::Kind::map) {
      return false;
    }
  }
  return true;
}

}  // namespace

void fill_body_from_template(hcl::Body& body, const TemplateNode& attributes, const TemplateContext& context) {
  for (const auto& [name, node] : attributes.entries) {
    if (name == "keep_empty") {
      continue;  // a block is written even when empty
    }
    if (!is_block_list(node)) {
      if (MaybeEvaluated value = evaluate_template(node, context)) {
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

void fill_body_from_properties(hcl::Body& body, const blueprint::Map& properties, const TemplateContext& context) {
  for (const auto& [name, value] : properties) {
    if (value.is_null()) {
      continue;
    }
    if (!is_block_list(value)) {
      body.attribute(name, evaluate_value(value, context).code);
      continue;
    }
    for (const auto& item : value.as_list()) {
      fill_body_from_properties(body.block(name).body, item.as_map(), context);
    }
  }
}

}  // namespace dharma::render
