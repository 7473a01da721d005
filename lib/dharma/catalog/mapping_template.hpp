#pragma once
// The template language of provider mapping files (docs/catalog.md,
// "Provider mappings"). A mapping value is YAML; inside its strings `${...}`
// holds a small expression:
//
//   expr := path | call | "string" | number | true | false | null
//   path := NAME ('.' NAME)*          size, resources.limits.cpu, item.port, resource.name
//   call := NAME '(' [expr (',' expr)*] ')'
//
// A scalar that is exactly one `${...}` keeps the type of its result (a
// boolean stays a boolean, a property that is absent stays absent); mixed
// with text it becomes a string. Templates are parsed once, when the catalog
// loads, and evaluated per resource by render::MappingEvaluator.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dharma/util/source_location.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::util {
class Diagnostics;
}

namespace dharma::catalog {

struct MappingExpr {
  enum class Kind { path, call, string, number, boolean, null };
  Kind kind = Kind::null;
  std::vector<std::string> path;  // path segments
  std::string name;               // function name; text of a string literal
  double number = 0;
  bool is_integer = false;
  bool boolean = false;
  std::vector<MappingExpr> args;
};

struct MappingTemplatePart {
  std::string literal;
  std::optional<MappingExpr> expression;
};

// One node of a mapping's YAML tree, with its strings pre-parsed.
struct TemplateNode {
  enum class Kind { null, literal, text, sequence, map };
  // Special members are defined out of line, where TemplateNode is complete:
  // clang with libstdc++ rejects the recursive vector<pair<string, TemplateNode>> otherwise.
  TemplateNode();
  TemplateNode(const TemplateNode& other);
  TemplateNode(TemplateNode&& other) noexcept;
  TemplateNode& operator=(const TemplateNode& other);
  TemplateNode& operator=(TemplateNode&& other) noexcept;
  ~TemplateNode();

  Kind kind = Kind::null;
  yaml::NodePtr literal;                   // literal: a plain scalar taken as bool/int/number/string
  std::vector<MappingTemplatePart> parts;  // text: a string with `${...}`
  std::vector<TemplateNode> items;
  std::vector<std::pair<std::string, TemplateNode>> entries;
  util::SourceLocation location;
  // A sequence item that is a map with `for_each` or `when`: item_body() of
  // it, made once by compile_template instead of per resource by the renderer.
  std::shared_ptr<const TemplateNode> body;

  bool is_single_expression() const { return kind == Kind::text && parts.size() == 1 && parts[0].expression; }
  const TemplateNode* find(const std::string& key) const;
};

// Converts a YAML subtree into a TemplateNode, reporting malformed `${...}`
// and calls of unknown functions or with the wrong number of arguments
// (expr::function_table(), Language::mapping) to `diagnostics` at their file:line:col.
TemplateNode compile_template(const yaml::NodePtr& node, util::Diagnostics& diagnostics);

// What a sequence item with `for_each` or `when` keys stands for once they
// apply: the item without those keys or, when only `element` is left, its value.
TemplateNode item_body(const TemplateNode& item);

// Paths used anywhere in `node` whose first segment is not a reserved root,
// i.e. the properties of the portable type the template reads.
void collect_property_paths(const TemplateNode& node,
                            std::vector<std::pair<std::string, util::SourceLocation>>& out);

// Roots that are not properties: resource, blueprint, item, index, tags, labels, region.
bool is_reserved_root(const std::string& name);

}  // namespace dharma::catalog
