#pragma once
// A guard policy as loaded from one YAML file of a policy pack (docs/guard.md):
// metadata, the resource types it applies to, an optional `when` condition
// that narrows it further, the compliance `condition`, and its fixtures.

#include <optional>
#include <string>
#include <vector>

#include "dharma/policy/condition.hpp"
#include "dharma/util/source_location.hpp"
#include "dharma/value/value.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::policy {

enum class Severity { critical, high, medium, low, info };  // most severe first
enum class Category { security, compliance, cost, operations, reliability };
enum class Enforcement { advisory, soft, hard };

const char* severity_name(Severity severity);
const char* category_name(Category category);
const char* enforcement_name(Enforcement enforcement);
std::optional<Severity> parse_severity(const std::string& text);
std::optional<Category> parse_category(const std::string& text);
std::optional<Enforcement> parse_enforcement(const std::string& text);
std::vector<std::string> severity_names();
// True when `a` is as severe as `b` or more.
inline bool at_least(Severity a, Severity b) {
  return static_cast<int>(a) <= static_cast<int>(b);
}

// A value the policy reads from configuration (`policies.ID.parameters`).
// Without a default it is required: the policy stays inactive until set.
struct Parameter {
  std::string name;
  std::string description;
  std::optional<value::Value> default_value;
};

// A resource the policy must pass (`expect_finding` false) or fail.
struct Fixture {
  bool expect_finding = false;
  std::string name;  // resource name, "fixture" by default
  std::string type;
  std::string provider;     // blueprint provider, "aws" by default
  std::string region;       // "us-east-1" by default
  std::string environment;  // "default" by default
  value::Map properties;
  value::Map tags;
  value::Map labels;      // blueprint metadata.labels
  value::Map parameters;  // policy parameter values for this case
  util::SourceLocation location;
};

struct Policy {
  std::string id;
  std::string name;
  std::string description;
  Severity severity = Severity::medium;
  Category category = Category::security;
  Enforcement enforcement = Enforcement::soft;
  std::vector<std::string> applies_to;  // types, globs (k8s.*), native types, providers
  ConditionPtr when;                    // optional: the policy applies only when it holds
  ConditionPtr condition;               // the resource is compliant when it holds
  std::string message;                  // with ${resource.name}-style placeholders
  std::string remediation;
  std::vector<std::string> references;
  std::vector<Parameter> parameters;
  std::vector<Fixture> fixtures;
  std::string file;               // the policy file
  util::SourceLocation location;  // its `id`
  yaml::NodePtr document;         // the parsed file: the values read from it point into it
  // Effective parameter values after configuration (defaults, then dharma.yaml).
  value::Map parameter_values;

  const Parameter* find_parameter(const std::string& parameter) const;
  // Parameters without a value: the policy cannot run until they are configured.
  std::vector<std::string> missing_parameters() const;
};

// True when `policy` applies to a resource of `type` in a blueprint for `provider`.
bool applies_to(const Policy& policy, const std::string& type, const std::string& provider);

}  // namespace dharma::policy
