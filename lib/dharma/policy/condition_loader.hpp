#pragma once
// Parses and validates the condition tree of a policy file.

#include <string>
#include <vector>

#include "dharma/policy/condition.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::policy {

// Parses `node` as a condition. `parameters` are the names `param:` may use;
// `nested` is true inside a quantifier's `where`, where paths are relative to
// a list item rather than the resource. Returns nullptr after reporting errors.
ConditionPtr load_condition(const yaml::Node& node, const std::vector<std::string>& parameters, bool nested,
                            util::Diagnostics& diagnostics);

}  // namespace dharma::policy
