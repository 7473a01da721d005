#pragma once
// The resolved blueprint: what every command consumes (docs/ARCHITECTURE.md).
// Parameters are bound, the environment overlay merged, expressions
// evaluated (resource references kept symbolic), catalog defaults applied,
// and the dependency graph checked for cycles.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dharma/catalog/type_schema.hpp"
#include "dharma/util/find.hpp"
#include "dharma/value/value.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::blueprint {

// Resolved values are value::Values (lib/dharma/value/, below the catalog,
// which holds them as defaults); the blueprint code names them unqualified.
using value::InterpolationPart;
using value::List;
using value::Map;
using value::Reference;
using value::Value;

struct Metadata {
  std::string name;
  std::string version;
  std::string description;
  std::string owner;
  Map labels;  // string values
};

struct ResolvedParameter {
  std::string name;
  std::string type;  // string, integer, number, boolean, list, map
  std::string description;
  Value value;  // bound value (sensitive ones are still here: never print them)
  std::optional<Value> default_value;
  std::vector<Value> allowed;
  std::optional<double> min;
  std::optional<double> max;
  std::string pattern;
  bool sensitive = false;
  std::string source;  // "--set", "--values", "environment", "default", "placeholder"
  const yaml::Node* origin = nullptr;
};

struct GuardSkip {
  std::string policy;
  std::string reason;
  std::string expires;  // YYYY-MM-DD or empty
  const yaml::Node* origin = nullptr;
};

struct ResolvedResource {
  std::string name;  // as declared
  std::string type;
  bool native = false;                          // provider-native type: properties unchecked
  const catalog::TypeSchema* schema = nullptr;  // portable types
  Map properties;                               // catalog defaults applied
  Map tags;                                     // the resource's own tags
  std::optional<long long> count;               // declared `count`, evaluated
  Value count_value;                            // the count as written (keeps ${param...})
  std::vector<std::string> depends_on;          // explicit depends_on, declaration order
  std::vector<std::string> dependencies;        // explicit + references, sorted, unique
  std::vector<GuardSkip> guard_skips;
  const yaml::Node* origin = nullptr;  // the resource's mapping
  std::size_t declaration_index = 0;

  // Instances this resource stands for: its count, or 1.
  long long instance_count() const { return count.value_or(1); }
  // The node of a property's value (for findings that point at it), or the resource.
  util::SourceLocation location_of(const std::string& dotted_path) const;
};

struct ResolvedOutput {
  std::string name;
  std::string description;
  Value value;
  bool sensitive = false;
  const yaml::Node* origin = nullptr;
};

struct GraphLevel {
  int level = 0;
  std::vector<std::string> resources;  // sorted by declaration order
};

struct ResolvedBlueprint {
  std::string file;
  std::string api_version;
  Metadata metadata;
  std::string provider;
  std::string region;
  std::string environment;  // chosen --env, or "default"
  std::vector<ResolvedParameter> parameters;
  std::vector<ResolvedResource> resources;  // declaration order
  std::vector<ResolvedOutput> outputs;
  std::vector<std::string> topological_order;  // dependencies first, ties by declaration order
  std::vector<GraphLevel> levels;              // level 0 = no dependencies
  yaml::NodePtr document;                      // keeps every `origin` alive
  std::vector<yaml::NodePtr> extra_nodes;      // overlay merges and --values files, kept alive too

  const ResolvedResource* find_resource(const std::string& name) const;  // constant time
  util::NameIndex resource_index;                                        // for find_resource
  const ResolvedParameter* find_parameter(const std::string& name) const;
};

}  // namespace dharma::blueprint
