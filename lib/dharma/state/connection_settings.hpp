#pragma once
// Where dharma's state lives: four endpoints, each resolved on its own with
// the precedence of ARCHITECTURE.md — command-line flag > environment variable
// > `dharma.yaml` in the working directory > the local stack's defaults. When
// no layer names any endpoint and the local stack is running, all four are
// the stack's, with the passwords from its secrets file.
//
//   database_url   DHARMA_DATABASE_URL            through PgBouncer, application role
//   migration_url  DHARMA_DATABASE_MIGRATION_URL  through PgBouncer, schema owner (db migrate)
//   direct_url     DHARMA_DATABASE_DIRECT_URL     straight to PostgreSQL, schema owner
//   redis_url      DHARMA_REDIS_URL
//
// When no layer names a migration URL but a direct URL was given, migrations
// use the direct URL rather than a default that points at another server.

#include <filesystem>
#include <optional>
#include <string>

#include "dharma/state/local_stack.hpp"

namespace dharma::state {

struct Endpoint {
  std::string url;
  std::string source;  // "--url", "DHARMA_DATABASE_URL", "dharma.yaml:4:8" or "default"
  std::string server;  // what it is, for messages: "PgBouncer", "PostgreSQL (direct)", "Redis"

  // The masked URL with its source, for messages: "postgresql://u:****@h:1/d (from DHARMA_...)".
  std::string describe() const;
};

struct ConnectionSettings {
  Endpoint database;
  Endpoint migration;
  Endpoint direct;
  Endpoint redis;
  bool from_local_stack = false;  // every endpoint is the running local stack's
};

// Values given on the command line; empty optionals were not given.
struct ConnectionFlags {
  std::optional<std::string> database_url;
  std::optional<std::string> migration_url;
  std::optional<std::string> direct_url;
  std::optional<std::string> redis_url;
};

// Resolves every endpoint. `config_file` is read when it exists (errors in it
// throw util::Error with file:line:col, exit 2). `local_stack`, when given,
// replaces the defaults if nothing at all is configured.
ConnectionSettings resolve_connection_settings(const ConnectionFlags& flags,
                                               const std::filesystem::path& config_file = "dharma.yaml",
                                               const std::optional<LocalStack>& local_stack = std::nullopt);

}  // namespace dharma::state
