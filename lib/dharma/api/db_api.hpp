#pragma once
// Entry points for `dharma db migrate|status|verify|baseline|repair|new`.
// Each returns the process exit code or throws util::Error / util::Reported.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct DbOptions {
  state::ConnectionFlags connection;  // --url, --migration-url, --direct-url
  std::string migrations_dir;         // --dir; empty = migrations_directory()
  std::string format = "text";        // --format text|json (status)
  int lock_timeout_seconds = 60;      // --lock-timeout
  bool quiet = false;
};

// data_directory()/migrations: dharma's own schema files.
std::filesystem::path migrations_directory();

int db_migrate(const DbOptions& options, std::optional<std::int64_t> to, bool dry_run);
int db_status(const DbOptions& options);
// Exit 4 when an applied file changed or is missing, or a failed attempt is recorded.
int db_verify(const DbOptions& options);
int db_baseline(const DbOptions& options, std::int64_t version);
int db_repair(const DbOptions& options);
// Creates the next numbered, empty migration file and prints its path.
int db_new(const DbOptions& options, const std::string& name);

}  // namespace dharma::api
