#pragma once
// Writes JSON-shaped data as block-style YAML with deterministic output:
// keys in the order given, sequences at their key's indentation, and strings
// quoted whenever a plain scalar could be read back as something else, so a
// value can never add structure. Used for `show --format yaml` and for
// Kubernetes manifests; they differ only in how eagerly strings are quoted.

#include <nlohmann/json.hpp>
#include <string>

namespace dharma::yaml {

enum class Quoting {
  // Plain unless a YAML reader would take the text for something else
  // (true, 1.0, null, "a: b", a leading '-', ...): `blueprint show`.
  when_needed,
  // Plain only for words of [A-Za-z0-9._/-] that no YAML 1.1 reader
  // (kubectl's) takes for a number, boolean or null; all else double-quoted.
  conservative,
};

std::string to_yaml(const nlohmann::ordered_json& document, Quoting quoting = Quoting::when_needed);

// A scalar string as YAML: plain when `quoting` allows, otherwise
// double-quoted with escapes.
std::string quote_scalar(const std::string& text, Quoting quoting = Quoting::when_needed);

}  // namespace dharma::yaml
