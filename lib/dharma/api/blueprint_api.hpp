#pragma once
// Entry points for `dharma blueprint ...` and the loader every other command
// uses to turn a file plus --env/--set/--values into a ResolvedBlueprint.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/catalog.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::api {

// Where templates/, policies/, pricing/ and migrations/ live: $DHARMA_HOME,
// else <exe>/../share/dharma, else the source tree the binary was built from.
std::filesystem::path data_directory();

// The catalog from data_directory()/templates, loaded once per process.
// Throws util::Error when the catalog itself is invalid.
const catalog::Catalog& default_catalog();

struct ResolveOptions {
  std::string environment;                 // --env; empty = none
  std::vector<std::string> set_values;     // --set KEY=VALUE, as given
  std::vector<std::string> values_files;   // --values FILE
  bool strict = false;                     // --strict: warnings fail
  // A sensitive string parameter without a value binds to a placeholder
  // (blueprint::ParameterInputs) instead of being an error. Off only for
  // `generate --include-secrets`, which writes the values.
  bool placeholder_secrets = true;
};

// Loads, validates and resolves one blueprint. Every problem goes to
// `diagnostics`; the result is empty when there were errors.
std::optional<blueprint::ResolvedBlueprint> load_blueprint(const std::string& file,
                                                           const ResolveOptions& options,
                                                           util::Diagnostics& diagnostics);

// Prints `diagnostics` to stderr in CLI.md's format, sorted by position.
// A note already printed by this process is not printed again.
void print_diagnostics(const util::Diagnostics& diagnostics);

// load_blueprint(), printing diagnostics; throws util::Reported(exit 2) on errors.
blueprint::ResolvedBlueprint load_blueprint_or_exit(const std::string& file, const ResolveOptions& options);

}  // namespace dharma::api
