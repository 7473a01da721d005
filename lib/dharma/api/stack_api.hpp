#pragma once
// `dharma stack up|down|status`: runs scripts/stack, the one implementation
// of the local PostgreSQL + PgBouncer + Redis stack, from dharma's data directory.

#include <string>

namespace dharma::api {

// Runs `scripts/stack ACTION` and returns its exit code. Throws util::Error
// (exit 3) when the script cannot be found or started.
int run_stack(const std::string& action);

}  // namespace dharma::api
