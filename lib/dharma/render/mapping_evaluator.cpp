// Evaluation of mapping templates. A template reads the resource's
// properties by path, a few reserved roots (resource, blueprint, region, env,
// tags, labels, item, index), and calls the functions of
// expr::function_table() (render/mapping_functions.cpp). An absent property makes the whole value
// absent (the attribute is left out) unless default() supplies one; absent
// items drop out of lists and maps, which is how optional settings work.
// A map or list that ends up empty is absent too, unless the mapping says
// `keep_empty: true` (a map's own key; for a list, an item holding only that
// key): then it renders as {} or [], for the places where empty means
// something, such as a NetworkPolicy's `podSelector: {}` (every pod).

#include "dharma/render/mapping_evaluator.hpp"

#include <charconv>

#include "dharma/render/hcl_writer.hpp"
#include "dharma/render/mapping_functions.hpp"
#include "dharma/render/terraform_scope.hpp"
#include "dharma/util/text.hpp"

namespace dharma::render {
namespace {

using catalog::MappingExpr;
using catalog::TemplateNode;
using value::Value;

Evaluated string_result(const std::string& text) {
  return Evaluated::literal(Value::string(text));
}

bool g_code_only = true;

// `with_data` false: for evaluate_template_code, no `data` built (see the header).
Evaluated value_of(const Value& value, const TemplateContext& context, bool with_data) {
  return with_data ? evaluate_value(value, context) : evaluate_value_code(value, context);
}

// A copy of `e` for a caller that reads only its code.
Evaluated code_copy(const Evaluated& e, bool with_data) {
  if (with_data) {
    return e;
  }
  Evaluated out;
  out.code = e.code;
  out.known = e.known;
  out.sensitive = e.sensitive;
  return out;
}

MaybeEvaluated lookup(const Value& root, const std::vector<std::string>& path, std::size_t from,
                      const TemplateContext& context, bool with_data) {
  if (from == path.size()) {
    return value_of(root, context, with_data);
  }
  // Value::find_path's walk, over the steps as they are (no joined string to split again).
  const Value* found = &root;
  for (std::size_t step = from; step < path.size() && found != nullptr; ++step) {
    const std::string& name = path[step];
    if (found->kind() == Value::Kind::map) {
      found = found->find(name);
    } else if (found->kind() == Value::Kind::list) {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), index);
      const bool valid =
          ec == std::errc() && end == name.data() + name.size() && index < found->as_list().size();
      found = valid ? &found->as_list()[index] : nullptr;
    } else {
      found = nullptr;
    }
  }
  if (found == nullptr || found->is_null()) {
    return std::nullopt;
  }
  return value_of(*found, context, with_data);
}

MaybeEvaluated evaluate_path(const MappingExpr& e, const TemplateContext& context,
                             const util::SourceLocation& where, bool with_data) {
  // string_view: each comparison below checks the size before any byte.
  const std::string_view root = e.path[0];
  const auto* resource = context.resource;
  if (root == "resource") {
    const std::string_view field = e.path.size() > 1 ? std::string_view(e.path[1]) : std::string_view();
    if (field == "name" && resource) {
      return string_result(resource->name);
    }
    if (field == "type" && resource) {
      return string_result(resource->type);
    }
    if (field == "label") {
      return string_result(context.label);
    }
    if (field == "k8s_name") {
      return string_result(context.k8s_name);
    }
    throw RenderError{where,
                      "unknown field 'resource." + std::string(field) + "' (name, type, label, k8s_name)"};
  }
  if (root == "blueprint") {
    const std::string_view field = e.path.size() > 1 ? std::string_view(e.path[1]) : std::string_view();
    if (field == "environment") {
      return string_result(context.blueprint->environment);
    }
    if (field == "region") {
      return string_result(context.blueprint->region);
    }
    if (field != "name") {
      throw RenderError{where,
                        "unknown field 'blueprint." + std::string(field) + "' (name, environment, region)"};
    }
    return string_result(context.blueprint->metadata.name);
  }
  if (root == "region") {
    return string_result(context.blueprint->region);
  }
  if (root == "tags" || root == "labels") {
    const Evaluated* map = root == "tags" ? context.tags : context.labels;
    if (map == nullptr && root == "labels" && context.resource_context != nullptr) {
      map = &resource_labels(*context.resource_context);
    }
    if (map == nullptr) {
      return std::nullopt;
    }
    return code_copy(*map, with_data);
  }
  if (root == "index") {
    if (!context.index) {
      throw RenderError{where, "'index' is only defined inside for_each"};
    }
    return Evaluated::literal(Value::integer(*context.index));
  }
  if (root == "item") {
    if (context.item == nullptr) {
      throw RenderError{where, "'item' is only defined inside for_each"};
    }
    if (e.path.size() == 1) {
      return code_copy(*context.item, with_data);
    }
    return lookup(context.item->data, e.path, 1, context, with_data);
  }
  if (resource == nullptr) {
    throw RenderError{where, "'" + std::string(root) + "' is not defined here"};
  }
  for (const auto& [name, value] : resource->properties) {
    if (name == root) {
      if (value.is_null()) {
        return std::nullopt;
      }
      return lookup(value, e.path, 1, context, with_data);
    }
  }
  return std::nullopt;
}

MaybeEvaluated expression_of(const MappingExpr& e, const TemplateContext& context,
                             const util::SourceLocation& where, bool with_data) {
  if (e.kind == MappingExpr::Kind::path) {
    return evaluate_path(e, context, where, with_data);
  }
  return evaluate_expression(e, context, where);
}

MaybeEvaluated template_of(const TemplateNode& node, const TemplateContext& context, bool with_data);

std::vector<Evaluated> expand(const TemplateNode& item, const TemplateContext& context, bool with_data) {
  std::vector<Evaluated> out;
  visit_item(item, context, [&](const TemplateNode& body, const TemplateContext& inner) {
    if (auto element = template_of(body, inner, with_data)) {
      out.push_back(std::move(*element));
    }
  });
  return out;
}

}  // namespace

void set_code_only_evaluation(bool enabled) {
  g_code_only = enabled;
}

bool code_only_evaluation() {
  return g_code_only;
}

bool is_keep_empty_marker(const TemplateNode& item) {
  return item.kind == TemplateNode::Kind::map && item.entries.size() == 1 &&
         item.entries[0].first == "keep_empty";
}

MaybeEvaluated evaluate_expression(const MappingExpr& e, const TemplateContext& context,
                                   const util::SourceLocation& where) {
  switch (e.kind) {
    case MappingExpr::Kind::null:
      return std::nullopt;
    case MappingExpr::Kind::boolean:
      return Evaluated::literal(Value::boolean(e.boolean));
    case MappingExpr::Kind::string:
      return string_result(e.name);
    case MappingExpr::Kind::number:
      return Evaluated::literal(e.is_integer ? Value::integer(static_cast<long long>(e.number))
                                             : Value::number(e.number));
    case MappingExpr::Kind::path:
      return evaluate_path(e, context, where, true);
    case MappingExpr::Kind::call:
      return call_mapping_function(e, context, where);
  }
  return std::nullopt;
}

MaybeEvaluated evaluate_template(const TemplateNode& node, const TemplateContext& context) {
  return template_of(node, context, true);
}

MaybeEvaluated evaluate_template_code(const TemplateNode& node, const TemplateContext& context) {
  return template_of(node, context, !g_code_only);
}

namespace {

MaybeEvaluated template_of(const TemplateNode& node, const TemplateContext& context, bool with_data) {
  switch (node.kind) {
    case TemplateNode::Kind::null:
      return std::nullopt;
    case TemplateNode::Kind::literal: {
      const yaml::Node& scalar = *node.literal;
      if (scalar.plain) {
        if (auto b = yaml::as_bool(scalar)) {
          return Evaluated::literal(Value::boolean(*b));
        }
        if (auto i = yaml::as_integer(scalar)) {
          return Evaluated::literal(Value::integer(*i));
        }
        if (auto n = yaml::as_number(scalar)) {
          return Evaluated::literal(Value::number(*n));
        }
        if (yaml::is_null_scalar(scalar)) {
          return std::nullopt;
        }
      }
      return string_result(scalar.scalar);
    }
    case TemplateNode::Kind::text: {
      if (node.is_single_expression()) {
        return expression_of(*node.parts[0].expression, context, node.location, with_data);
      }
      std::vector<MaybeEvaluated> pieces;
      for (const auto& part : node.parts) {
        pieces.push_back(part.expression ? evaluate_expression(*part.expression, context, node.location)
                                         : MaybeEvaluated(string_result(part.literal)));
      }
      return concatenate(pieces, node.location);
    }
    case TemplateNode::Kind::sequence: {
      Evaluated out;
      std::vector<hcl::Expression> codes;
      value::List data;
      bool keep_empty = false;
      for (const auto& item : node.items) {
        if (is_keep_empty_marker(item)) {
          keep_empty = true;
          continue;
        }
        for (auto& element : expand(item, context, with_data)) {
          out.known = out.known && element.known;
          out.sensitive = out.sensitive || element.sensitive;
          codes.push_back(std::move(element.code));
          if (with_data) {
            data.push_back(std::move(element.data));
          }
        }
      }
      if (codes.empty() && !node.items.empty() && !keep_empty) {
        return std::nullopt;  // only conditional items, none of which applied
      }
      out.code = hcl::Expression::from_list(std::move(codes));
      if (with_data) {
        out.data = Value::list(std::move(data));
      }
      return out;
    }
    case TemplateNode::Kind::map: {
      if (node.entries.size() == 1 && node.entries[0].first == "jsonencode") {
        MaybeEvaluated inner = template_of(node.entries[0].second, context, with_data);
        if (!inner) {
          return std::nullopt;
        }
        Evaluated encoded = Evaluated::unknown(hcl::Expression::from_call("jsonencode", {inner->code}));
        encoded.data = inner->data;
        return encoded;
      }
      const TemplateNode* when = node.find("when");
      if (when != nullptr && !is_true(evaluate_template(*when, context), when->location)) {
        return std::nullopt;
      }
      Evaluated out;
      std::vector<std::pair<std::string, hcl::Expression>> codes;
      value::Map data;
      for (const auto& [key, value] : node.entries) {
        if (key == "when" || key == "keep_empty") {
          continue;
        }
        MaybeEvaluated element = template_of(value, context, with_data);
        if (!element) {
          continue;
        }
        out.known = out.known && element->known;
        out.sensitive = out.sensitive || element->sensitive;
        codes.emplace_back(key, std::move(element->code));
        if (with_data) {
          data.emplace_back(key, std::move(element->data));
        }
      }
      if (codes.empty() && when == nullptr && node.find("keep_empty") == nullptr && !node.entries.empty()) {
        return std::nullopt;  // every field absent: leave the whole map out
      }
      out.code = hcl::Expression::from_object(std::move(codes));
      if (with_data) {
        out.data = Value::map(std::move(data));
      }
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace

void visit_item(const TemplateNode& item, const TemplateContext& context,
                const std::function<void(const TemplateNode& body, const TemplateContext&)>& visit) {
  const bool is_map = item.kind == TemplateNode::Kind::map;
  const TemplateNode* for_each = is_map ? item.find("for_each") : nullptr;
  const TemplateNode* when = is_map ? item.find("when") : nullptr;
  if (for_each == nullptr && when == nullptr) {
    visit(item, context);
    return;
  }
  // Made once when the mapping loaded; a node built otherwise is stripped here.
  std::optional<TemplateNode> stripped;
  if (item.body == nullptr) {
    stripped = catalog::item_body(item);
  }
  const TemplateNode& body = item.body != nullptr ? *item.body : *stripped;
  const auto visit_one = [&](const TemplateContext& inner) {
    if (when == nullptr || is_true(evaluate_template(*when, inner), when->location)) {
      visit(body, inner);
    }
  };
  if (for_each == nullptr) {
    visit_one(context);
  } else {
    for_each_element(*for_each, context, visit_one);
  }
}

std::vector<Evaluated> expand_item(const TemplateNode& item, const TemplateContext& context) {
  return expand(item, context, true);
}

void for_each_element(const TemplateNode& list, const TemplateContext& context,
                      const std::function<void(const TemplateContext&)>& visit) {
  const MaybeEvaluated elements = evaluate_template(list, context);
  if (!elements) {
    return;
  }
  if (elements->data.kind() != Value::Kind::list) {
    throw RenderError{list.location, "for_each needs a list known before apply"};
  }
  long long index = 0;
  for (const auto& element : elements->data.as_list()) {
    Evaluated item = evaluate_value(element, context);
    TemplateContext inner = context;
    inner.item = &item;
    inner.index = index++;
    visit(inner);
  }
}

bool is_true(const MaybeEvaluated& evaluated, const util::SourceLocation& where) {
  if (!evaluated) {
    return false;
  }
  if (!evaluated->known) {
    throw RenderError{where, "this condition depends on a value known only after apply"};
  }
  switch (evaluated->data.kind()) {
    case Value::Kind::boolean:
      return evaluated->data.as_bool();
    case Value::Kind::null:
      return false;
    case Value::Kind::string:
      return !evaluated->data.as_string().empty();
    case Value::Kind::list:
      return !evaluated->data.as_list().empty();
    case Value::Kind::map:
      return !evaluated->data.as_map().empty();
    case Value::Kind::integer:
    case Value::Kind::number:
      return evaluated->data.as_number() != 0;
    default:
      return true;
  }
}

}  // namespace dharma::render
