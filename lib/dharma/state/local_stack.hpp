#pragma once
// The local stack that `dharma stack up` (scripts/stack) runs: its directory
// holds secrets.env, the role passwords generated at the first `up` (mode
// 0600, readable only by the user who started the stack), and ports.env, the
// ports it listens on. It counts as running while the pid file of its
// PgBouncer or PostgreSQL names a live process of that name.

#include <filesystem>
#include <optional>
#include <string>

namespace dharma::state {

struct LocalStack {
  std::filesystem::path directory;
  std::string database_url;   // PgBouncer, application role
  std::string migration_url;  // PgBouncer, schema owner
  std::string direct_url;     // PostgreSQL, schema owner
  std::string redis_url;
};

// The stack in `directory` when it is running and its secrets.env is
// readable; std::nullopt otherwise (no stack, stopped, another user's).
// Ports come from ports.env, else DHARMA_PG_PORT / DHARMA_PGBOUNCER_PORT /
// DHARMA_REDIS_PORT, else the script's defaults.
std::optional<LocalStack> find_running_local_stack(const std::filesystem::path& directory);

// The URL of the admin console (SHOW POOLS, SHOW CONFIG) of the PgBouncer of
// the stack in `directory`, running or not; nothing when its secrets.env
// holds no admin password.
std::optional<std::string> local_stack_pgbouncer_admin_url(const std::filesystem::path& directory);

}  // namespace dharma::state
