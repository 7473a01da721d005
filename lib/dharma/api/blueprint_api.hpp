#pragma once
// The loader every command that reads a blueprint uses to turn a file plus
// --env/--set/--values into a ResolvedBlueprint (the `dharma blueprint`
// entry points are in blueprint_commands.hpp).

#include <optional>
#include <string>

#include "dharma/api/command_context.hpp"
#include "dharma/api/resolve_options.hpp"
#include "dharma/blueprint/document.hpp"
#include "dharma/blueprint/resolved.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::api {

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
