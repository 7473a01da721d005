#include "dharma/state/schema_history.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace dharma::state {

bool history_exists(pqxx::transaction_base& tx) {
  return tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", std::string(k_history_table))[0].as<bool>();
}

void create_history_tables(pqxx::transaction_base& tx) {
  tx.exec(R"SQL(
CREATE TABLE IF NOT EXISTS dharma_schema_history (
  installed_rank bigserial PRIMARY KEY,
  version        bigint      NOT NULL,
  description    text        NOT NULL,
  type           text        NOT NULL CHECK (type IN ('SQL', 'BASELINE')),
  script         text        NOT NULL,
  checksum       text,
  applied_by     text        NOT NULL,
  applied_at     timestamptz NOT NULL DEFAULT now(),
  execution_ms   bigint      NOT NULL DEFAULT 0,
  success        boolean     NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS dharma_schema_history_applied_once
  ON dharma_schema_history (version) WHERE success;
CREATE TABLE IF NOT EXISTS dharma_migration_lease (
  id            int         PRIMARY KEY CHECK (id = 1),
  holder        text        NOT NULL,
  script        text        NOT NULL,
  backend_pid   int         NOT NULL,
  backend_start timestamptz NOT NULL,
  acquired_at   timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
)SQL");
}

std::vector<HistoryRow> read_history(pqxx::transaction_base& tx) {
  std::vector<HistoryRow> rows;
  if (!history_exists(tx)) {
    return rows;
  }
  const auto result = tx.exec(
      "SELECT installed_rank, version, description, type, script, coalesce(checksum, ''), applied_by, "
      "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), execution_ms, success "
      "FROM dharma_schema_history ORDER BY installed_rank");
  for (const auto& row : result) {
    HistoryRow item;
    item.rank = row[0].as<std::int64_t>();
    item.version = row[1].as<std::int64_t>();
    item.description = row[2].as<std::string>();
    item.type = row[3].as<std::string>();
    item.script = row[4].as<std::string>();
    item.checksum = row[5].as<std::string>();
    item.applied_by = row[6].as<std::string>();
    item.applied_at = row[7].as<std::string>();
    item.execution_ms = row[8].as<std::int64_t>();
    item.success = row[9].as<bool>();
    rows.push_back(std::move(item));
  }
  return rows;
}

void record_attempt(pqxx::transaction_base& tx, const MigrationFile& file, const std::string& actor,
                    std::int64_t execution_ms, bool success) {
  tx.exec_params("DELETE FROM dharma_schema_history WHERE version = $1 AND NOT success", file.version);
  tx.exec_params(
      "INSERT INTO dharma_schema_history (version, description, type, script, checksum, applied_by, "
      "execution_ms, "
      "success) VALUES ($1, $2, 'SQL', $3, $4, $5, $6, $7)",
      file.version, file.description, file.script, file.checksum, actor, execution_ms, success);
}

void record_baseline(pqxx::transaction_base& tx, std::int64_t version, const std::string& actor) {
  tx.exec_params(
      "INSERT INTO dharma_schema_history (version, description, type, script, checksum, applied_by, success) "
      "VALUES ($1, '<< baseline >>', 'BASELINE', '<< baseline >>', NULL, $2, true)",
      version, actor);
}

void realign_checksum(pqxx::transaction_base& tx, const MigrationFile& file) {
  tx.exec_params(
      "UPDATE dharma_schema_history SET checksum = $2, description = $3, script = $4 "
      "WHERE version = $1 AND success AND type = 'SQL'",
      file.version, file.checksum, file.description, file.script);
}

std::int64_t delete_failed(pqxx::transaction_base& tx) {
  return static_cast<std::int64_t>(
      tx.exec("DELETE FROM dharma_schema_history WHERE NOT success").affected_rows());
}

std::string current_actor() {
  if (const char* actor = std::getenv("DHARMA_ACTOR"); actor != nullptr && *actor != '\0') {
    return actor;
  }
  if (const passwd* entry = getpwuid(geteuid()); entry != nullptr && entry->pw_name != nullptr) {
    return entry->pw_name;
  }
  if (const char* user = std::getenv("USER"); user != nullptr && *user != '\0') {
    return user;
  }
  return "unknown";
}

}  // namespace dharma::state
