#pragma once
// Orchestrates the passes that turn a Document into a ResolvedBlueprint.

#include <optional>
#include <string>
#include <vector>

#include "dharma/blueprint/document.hpp"
#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/catalog.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::blueprint {

struct ResolveInputs {
  std::string environment;  // empty = no overlay ("default")
  std::vector<std::string> set_values;
  std::vector<std::string> values_files;
  bool placeholder_secrets = true;  // see ParameterInputs
};

// Runs every pass, reporting all problems it can find before giving up; the
// result is empty when any error was reported.
std::optional<ResolvedBlueprint> resolve(const Document& document, const catalog::Catalog& catalog,
                                         const ResolveInputs& inputs, util::Diagnostics& diagnostics);

}  // namespace dharma::blueprint
