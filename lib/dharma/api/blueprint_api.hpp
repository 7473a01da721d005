#pragma once
// The loader every command that reads a blueprint uses to turn a file plus
// --env/--set/--values into a ResolvedBlueprint (the `dharma blueprint`
// entry points are in blueprint_commands.hpp).

#include <optional>
#include <string>
#include <vector>

#include "dharma/api/command_context.hpp"
#include "dharma/blueprint/document.hpp"
#include "dharma/blueprint/resolved.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::api {

struct ResolveOptions {
  std::string environment;                // --env; empty = none
  std::vector<std::string> set_values;    // --set KEY=VALUE, as given
  std::vector<std::string> values_files;  // --values FILE
  bool strict = false;                    // --strict: warnings fail
  // A sensitive string parameter without a value binds to a placeholder
  // (blueprint::ParameterInputs) instead of being an error. Off only for
  // `generate --include-secrets`, which writes the values.
  bool placeholder_secrets = true;
};

// FILE read as a blueprint document (YAML, then its shape); nullopt when the
// file is not YAML or its top is not a map. Problems go to `diagnostics`.
std::optional<blueprint::Document> read_blueprint_document(const std::string& file,
                                                           util::Diagnostics& diagnostics);

// Loads, validates and resolves one blueprint against the context's catalog.
// Every problem goes to `diagnostics`; the result is empty when there were errors.
std::optional<blueprint::ResolvedBlueprint> load_blueprint(CommandContext& context, const std::string& file,
                                                           const ResolveOptions& options,
                                                           util::Diagnostics& diagnostics);

// load_blueprint(), printing diagnostics; throws util::Reported(exit 2) on errors.
blueprint::ResolvedBlueprint load_blueprint_or_exit(CommandContext& context, const std::string& file,
                                                    const ResolveOptions& options);

}  // namespace dharma::api
