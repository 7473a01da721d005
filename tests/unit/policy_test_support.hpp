#pragma once
// Helpers for the policy unit tests: conditions and resources from YAML text.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dharma/policy/condition_loader.hpp"
#include "dharma/policy/evaluator.hpp"
#include "dharma/policy/subject.hpp"
#include "dharma/value/literal.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::policy::testing {

// A condition parsed from YAML; fails the test on any diagnostic.
inline ConditionPtr condition_from(const std::string& text, const std::vector<std::string>& parameters = {}) {
  util::Diagnostics diagnostics;
  auto root = yaml::load(text, "condition.yaml", diagnostics);
  REQUIRE(root);
  auto condition = load_condition(*root, parameters, false, diagnostics);
  // The condition's operands point into the tree (as a Policy keeps its
  // document, the tests keep every tree they parse for the whole run).
  static std::vector<yaml::NodePtr> kept_documents;
  kept_documents.push_back(root);
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
  yaml::NodePtr properties_document;  // the values below point into these
  yaml::NodePtr tags_document;
  value::Map properties;
  value::Map tags;
  value::Map labels;
  Subject subject;

  Resource(const std::string& type, const std::string& properties_yaml, const std::string& tags_yaml = "{}") {
    util::Diagnostics diagnostics;
    properties_document = yaml::load(properties_yaml, "p.yaml", diagnostics);
    tags_document = yaml::load(tags_yaml, "t.yaml", diagnostics);
    properties = value::literal_value(*properties_document).as_map();
    tags = value::literal_value(*tags_document).as_map();
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
