#pragma once
// Helpers for the policy unit tests: conditions and resources from YAML text.

#include <doctest/doctest.h>

#include <string>

#include "dharma/policy/condition_loader.hpp"
#include "dharma/policy/evaluator.hpp"
#include "dharma/policy/subject.hpp"
#include "dharma/policy/yaml_value.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::policy::testing {

// A condition parsed from YAML; fails the test on any diagnostic.
inline ConditionPtr condition_from(const std::string& text, const std::vector<std::string>& parameters = {}) {
  util::Diagnostics diagnostics;
  auto root = yaml::load(text, "condition.yaml", diagnostics);
  REQUIRE(root);
  auto condition = load_condition(*root, parameters, false, diagnostics);
  for (const auto& d : diagnostics.all()) {
    FAIL_CHECK(util::format_diagnostic(d));
  }
  REQUIRE(condition);
  return condition;
}

// The first error message for a condition that must not load.
inline std::string condition_error(const std::string& text) {
  util::Diagnostics diagnostics;
  auto root = yaml::load(text, "condition.yaml", diagnostics);
  REQUIRE(root);
  load_condition(*root, {}, false, diagnostics);
  return diagnostics.all().empty() ? "" : util::format_diagnostic(diagnostics.all().front());
}

// A resource of `type` with properties and tags given as YAML maps.
struct Resource {
  value::Map properties;
  value::Map tags;
  value::Map labels;
  Subject subject;

  Resource(const std::string& type, const std::string& properties_yaml, const std::string& tags_yaml = "{}") {
    util::Diagnostics diagnostics;
    properties = to_value(*yaml::load(properties_yaml, "p.yaml", diagnostics)).as_map();
    tags = to_value(*yaml::load(tags_yaml, "t.yaml", diagnostics)).as_map();
    REQUIRE_FALSE(diagnostics.has_errors());
    subject.name = value::Value::string("res");
    subject.type = value::Value::string(type);
    subject.provider = value::Value::string("aws");
    subject.region = value::Value::string("us-east-1");
    subject.environment = value::Value::string("default");
    subject.count = value::Value::integer(1);
    subject.properties = &properties;
    subject.tags = tags;
    subject.labels = &labels;
  }
  Resource(const Resource&) = delete;
  Resource& operator=(const Resource&) = delete;
};

inline bool holds(const std::string& condition, const Resource& resource, const value::Map& parameters = {}) {
  return evaluate(*condition_from(condition), resource.subject, parameters).holds;
}

}  // namespace dharma::policy::testing
