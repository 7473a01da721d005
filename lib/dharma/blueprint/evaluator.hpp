#pragma once
// Turns YAML values with `${...}` templates into resolved Values.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/type_schema.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/util/flat_string_map.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::blueprint {

// What an expression may know about another resource before apply.
struct ResourceInfo {
  std::string type;
  const catalog::TypeSchema* schema = nullptr;  // null for native types: any attribute
  std::optional<long long> count;               // set when the resource has `count`
  bool has_count = false;
};

// Every resource of the blueprint by name: looked up once per `${name.attr}`.
using ResourceInfos = util::FlatStringMap<ResourceInfo>;

// What an evaluation read that differs between environments (ResolveTrace).
struct EvalReads {
  bool environment = false;             // ${env}
  std::vector<std::size_t> parameters;  // indexes into EvalContext::parameters
};

struct EvalContext {
  const std::vector<ResolvedParameter>* parameters = nullptr;
  const ResourceInfos* resources = nullptr;
  std::string environment;
  std::string blueprint_name;
  std::string current_resource;                 // empty outside a resource (outputs)
  std::set<std::string>* references = nullptr;  // receives the resources referred to
  util::Diagnostics* diagnostics = nullptr;
  bool allow_references = true;  // false for count: must be known before apply
  // Templates parsed so far, by scalar text: a blueprint repeats the same
  // `${vpc.id}` many times, and the values then share one parsed Template.
  // Optional; errors are never kept (each place reports its own).
  util::FlatStringMap<expr::TemplatePtr>* templates = nullptr;
  EvalReads* reads = nullptr;  // optional: receives what was read
};

// Evaluates a YAML subtree. Errors are reported and evaluate to null.
Value evaluate_node(const yaml::Node& node, EvalContext& context);

}  // namespace dharma::blueprint
