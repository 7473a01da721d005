#pragma once
// Writes JSON-shaped data as block-style YAML with deterministic output:
// keys in the order given, strings quoted whenever a plain scalar would be
// read back as something else (true, 1.0, null, "a: b", leading '-', ...).
// Used for `show --format yaml` and Kubernetes manifests.

#include <nlohmann/json.hpp>
#include <string>

namespace dharma::yaml {

std::string to_yaml(const nlohmann::ordered_json& document);

// A scalar string as YAML: plain when safe, otherwise double-quoted with escapes.
std::string quote_scalar(const std::string& text);

}  // namespace dharma::yaml
