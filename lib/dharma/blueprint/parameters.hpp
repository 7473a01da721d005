#pragma once
// Binds parameter values: --set beats --values files, which beat the
// environment overlay, which beats the declared default (BLUEPRINT.md).
// Each value is checked against the declaration's type, allowed list,
// min/max and pattern; a parameter without any value is an error, except a
// sensitive string parameter when `placeholder_secrets` is set (every command
// but `generate --include-secrets`: none of them writes or needs a secret's
// value): it binds to a placeholder string marked `placeholder`, unchecked
// against the declared constraints, with a note saying which were not checked.

#include <string>
#include <vector>

#include "dharma/blueprint/document.hpp"
#include "dharma/blueprint/resolved.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::blueprint {

struct ParameterInputs {
  const EnvironmentDecl* environment = nullptr;
  std::vector<std::string> set_values;    // KEY=VALUE
  std::vector<std::string> values_files;  // YAML mappings of KEY: VALUE
  bool placeholder_secrets = false;
};

// The text a placeholder for the sensitive parameter `name` holds. It is
// never printed (placeholders are sensitive); it says what it is if it were.
std::string secret_placeholder_text(const std::string& name);

// `keep_alive` receives the parsed --values files so values can point into them.
std::vector<ResolvedParameter> bind_parameters(const Document& document, const ParameterInputs& inputs,
                                               std::vector<yaml::NodePtr>& keep_alive,
                                               util::Diagnostics& diagnostics);

}  // namespace dharma::blueprint
