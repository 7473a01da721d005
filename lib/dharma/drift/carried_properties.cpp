#include "dharma/drift/carried_properties.hpp"

namespace dharma::drift {
namespace {

using catalog::MappingExpr;
using catalog::TemplateNode;

std::string join_path(const std::string& base, const std::string& key) {
  return base.empty() ? key : base + "." + key;
}

// `expression` when it reads one top-level property and passes its value
// through (as is, in a list, or through a choose() table).
std::optional<CarriedProperty> carried_by(const MappingExpr& expression) {
  if (expression.kind == MappingExpr::Kind::path && expression.path.size() == 1) {
    return CarriedProperty{expression.path[0], {}};
  }
  if (expression.kind != MappingExpr::Kind::call || expression.args.empty()) {
    return std::nullopt;
  }
  const MappingExpr& first = expression.args[0];
  if (first.kind != MappingExpr::Kind::path || first.path.size() != 1) {
    return std::nullopt;
  }
  if ((expression.name == "list" && expression.args.size() == 1) || expression.name == "default") {
    return CarriedProperty{first.path[0], {}};
  }
  if (expression.name == "choose") {
    CarriedProperty carried{first.path[0], {}};
    for (std::size_t i = 1; i + 1 < expression.args.size(); i += 2) {
      const MappingExpr& key = expression.args[i];
      const MappingExpr& result = expression.args[i + 1];
      if (key.kind == MappingExpr::Kind::string && result.kind == MappingExpr::Kind::string) {
        carried.inverse.emplace(result.name, key.name);
      }
    }
    return carried.inverse.empty() ? std::nullopt : std::optional<CarriedProperty>(std::move(carried));
  }
  return std::nullopt;
}

void collect(const TemplateNode& node, const std::string& path, std::map<std::string, CarriedProperty>& out,
             int depth) {
  if (depth > 16) {
    return;
  }
  switch (node.kind) {
    case TemplateNode::Kind::map:
      for (const auto& [key, child] : node.entries) {
        collect(child, join_path(path, key), out, depth + 1);
      }
      return;
    case TemplateNode::Kind::sequence:
      // Nested blocks (and lists) are lists in the state: their items share the path.
      for (const auto& item : node.items) {
        collect(item, path, out, depth + 1);
      }
      return;
    case TemplateNode::Kind::text:
      if (node.is_single_expression() && !path.empty()) {
        if (auto carried = carried_by(*node.parts[0].expression)) {
          out.emplace(path, std::move(*carried));
        }
      }
      return;
    case TemplateNode::Kind::null:
    case TemplateNode::Kind::literal:
      return;
  }
}

}  // namespace

CarriedProperties carried_properties(const catalog::ProviderMapping& mapping) {
  CarriedProperties carried;
  for (const auto& entry : mapping.terraform) {
    if (!entry.data && !entry.for_each) {
      collect(entry.attributes, "", carried[entry.resource], 0);
    }
  }
  return carried;
}

std::string path_without_indexes(const std::string& path) {
  std::string out;
  out.reserve(path.size());
  bool in_index = false;
  bool in_quotes = false;  // a quoted index may hold brackets: ["a[1]"]
  char previous = '\0';
  for (const char c : path) {
    if (in_index) {
      if (c == '"' && previous != '\\') {
        in_quotes = !in_quotes;
      } else if (c == ']' && !in_quotes) {
        in_index = false;
      }
    } else if (c == '[') {
      in_index = true;
    } else {
      out += c;
    }
    previous = c;
  }
  return out;
}

}  // namespace dharma::drift
