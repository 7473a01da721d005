#pragma once
// dharma_schema_history: one row per migration attempt, Flyway-style (version,
// description, type, script, checksum, applied by/at, execution time,
// success), plus dharma_migration_lease, the lock row for files that run
// outside a transaction (migration_lock.hpp). Every function here runs inside
// the caller's transaction; none takes the migration lock itself.

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "dharma/state/migration_set.hpp"

namespace dharma::state {

inline constexpr const char* k_history_table = "dharma_schema_history";

struct HistoryRow {
  std::int64_t rank = 0;
  std::int64_t version = 0;
  std::string description;
  std::string type;  // "SQL" or "BASELINE"
  std::string script;
  std::string checksum;  // empty for a baseline
  std::string applied_by;
  std::string applied_at;  // ISO 8601, UTC
  std::int64_t execution_ms = 0;
  bool success = false;
};

// True when the history table exists in the connected database.
bool history_exists(pqxx::transaction_base& tx);

// Creates the history and lease tables when they are missing.
void create_history_tables(pqxx::transaction_base& tx);

// Every history row in installed order; empty when the table does not exist.
std::vector<HistoryRow> read_history(pqxx::transaction_base& tx);

// Records an attempt of `file`. A successful attempt replaces earlier failed
// rows of the same version, so history shows at most one row per outcome.
void record_attempt(pqxx::transaction_base& tx, const MigrationFile& file, const std::string& actor,
                    std::int64_t execution_ms, bool success);

// Records that the database already has the schema up to `version`.
void record_baseline(pqxx::transaction_base& tx, std::int64_t version, const std::string& actor);

// Sets the recorded checksum (and name) of applied `version` to `file`'s.
void realign_checksum(pqxx::transaction_base& tx, const MigrationFile& file);

// Deletes every failed row; returns how many there were.
std::int64_t delete_failed(pqxx::transaction_base& tx);

// Who runs the command: DHARMA_ACTOR, else the OS user.
std::string current_actor();

}  // namespace dharma::state
