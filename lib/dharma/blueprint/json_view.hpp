#pragma once
// The resolved blueprint as JSON-shaped data, for `blueprint show` (JSON and
// YAML) and for storing the resolved form. References print as "${vpc.id}";
// sensitive values print as "(sensitive)" unless `reveal` is set.

#include <nlohmann/json.hpp>

#include "dharma/blueprint/resolved.hpp"

namespace dharma::blueprint {

constexpr const char* k_sensitive_mask = "(sensitive)";

nlohmann::ordered_json value_to_json(const Value& value, bool reveal = false);

// `expand_count`: list each instance of a counted resource (`web[0]`, `web[1]`).
nlohmann::ordered_json resolved_to_json(const ResolvedBlueprint& blueprint, bool expand_count = true);

}  // namespace dharma::blueprint
