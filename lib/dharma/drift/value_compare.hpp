#pragma once
// Compares one desired attribute value with the actual one under the
// normalisation rules of docs/drift.md: only what the blueprint states is
// compared (a nested block's other arguments are provider defaults), maps
// compare as maps, sets unordered, JSON strings as JSON, quantities by
// value, numbers and booleans with their string forms ("3" is 3, as in old
// flatmap states), and an unknown desired value matches anything.

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dharma/drift/findings.hpp"
#include "dharma/drift/rules.hpp"
#include "dharma/drift/template_value.hpp"
#include "dharma/drift/value.hpp"

namespace dharma::drift {

struct CompareScope {
  const DriftRules* rules = nullptr;
  std::string_view type;                             // the Terraform resource type
  const std::set<std::string>* sensitive = nullptr;  // top-level attributes whose values are never shown
  // When set, the desired values are as rendered (strings may hold ${...}
  // templates) and each is evaluated in this scope where the comparison
  // reaches it: the same changes as evaluate_rendered first, without a
  // copy of every resource's attributes.
  const TemplateScope* templates = nullptr;
  // The fast path (value_compare.cpp, identical()): a desired value that is
  // the actual one in the same form, with no template in it, is equal
  // without a rule looked up or a path built. Off only to check that it
  // finds what the full comparison finds (tests/unit/test_drift_fast_compare.cpp).
  bool fast = true;
};

// Appends a Change for every difference between the desired attributes
// (after template evaluation: already done, or done here when
// `scope.templates` is set) and the actual ones of one resource.
void compare_attributes(const Value& desired, const Value& actual, const CompareScope& scope,
                        std::vector<Change>& changes);
// The same with both sides as nlohmann::json (converted first).
void compare_attributes(const nlohmann::json& desired, const nlohmann::json& actual,
                        const CompareScope& scope, std::vector<Change>& changes);

// `text` as a Kubernetes-style quantity (`1000m`, `512Mi`, `2G`, `1.5`); false when it is not one.
bool parse_quantity(const std::string& text, long double& value);

}  // namespace dharma::drift
