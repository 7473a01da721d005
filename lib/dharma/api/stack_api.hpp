#pragma once
// `dharma stack up|down|status|env`: runs scripts/stack, the one
// implementation of the local PostgreSQL + PgBouncer + Redis stack, from
// dharma's data directory, with the context's process runner.

#include <string>

#include "dharma/api/command_context.hpp"

namespace dharma::api {

struct StackOptions {
  std::string action;  // up, down, status or env
};

// Runs `scripts/stack ACTION` and returns its exit code. Throws util::Error
// (exit 3) when the script cannot be found or started.
int stack_run(const StackOptions& options, CommandContext& context);

}  // namespace dharma::api
