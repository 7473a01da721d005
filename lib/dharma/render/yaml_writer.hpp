#pragma once
// Writes a JSON tree as block-style YAML for Kubernetes manifests. Strings
// are emitted plain only when no YAML reader could take them for anything
// else (a number, a boolean, null, a comment, a mapping); every other string
// is double-quoted and escaped, so a property value can never add structure.

#include <string>

#include <nlohmann/json.hpp>

namespace dharma::render::yaml_out {

std::string write_yaml(const nlohmann::ordered_json& document);

// The scalar as it would appear in YAML (plain or double-quoted).
std::string scalar(const std::string& text);

}  // namespace dharma::render::yaml_out
