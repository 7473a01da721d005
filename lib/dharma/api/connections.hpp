#pragma once
// The connection settings every command on the state store resolves: flags,
// environment, dharma.yaml, and — when none of them names an endpoint — the
// local stack `dharma stack up` started, if it is running.

#include "dharma/api/command_context.hpp"
#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

// The local stack's directory: DHARMA_STACK_DIR, else .dharma/stack in
// dharma's data directory (where scripts/stack puts it).
std::filesystem::path local_stack_directory(CommandContext& context);

// state::resolve_connection_settings with the running local stack as the
// fallback; with -v, says on the error stream (once) when the local stack is used.
state::ConnectionSettings resolve_connections(const state::ConnectionFlags& flags, CommandContext& context);

}  // namespace dharma::api
