#pragma once
// Entry points for `dharma db migrate|status|verify|baseline|repair|new`.
// Each returns the process exit code or throws util::Error / util::Reported.

#include <cstdint>
#include <optional>
#include <string>

#include "dharma/api/command_context.hpp"
#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct DbOptions {
  state::ConnectionFlags connection;  // --url, --migration-url, --direct-url
  std::string migrations_dir;         // --dir; empty = migrations_directory()
  std::string format = "text";        // --format text|json (status)
  int lock_timeout_seconds = 60;      // --lock-timeout
  std::optional<std::int64_t> to;     // migrate: --to VERSION
  bool dry_run = false;               // migrate: --dry-run
  std::int64_t baseline_version = 0;  // baseline: --version
  std::string name;                   // new: NAME
};

// The migrator's steps go to context.status() (silent with --quiet).
int db_migrate(const DbOptions& options, CommandContext& context);
int db_status(const DbOptions& options, CommandContext& context);
// Exit 4 when an applied file changed or is missing, or a failed attempt is recorded.
int db_verify(const DbOptions& options, CommandContext& context);
int db_baseline(const DbOptions& options, CommandContext& context);
int db_repair(const DbOptions& options, CommandContext& context);
// Creates the next numbered, empty migration file and prints its path.
int db_new(const DbOptions& options, CommandContext& context);

}  // namespace dharma::api
