// The migration runner. Each public operation opens its own connections and
// follows the lock protocol documented in migration_lock.hpp: every read-then-
// write of migration state happens after take_gate() in one transaction, and
// every decision taken before the gate (the plan) is re-checked after it.

#include "dharma/state/migrator.hpp"

#include <memory>
#include <thread>

#include "dharma/state/database.hpp"
#include "dharma/state/migration_failure.hpp"
#include "dharma/state/migration_lock.hpp"
#include "dharma/state/sql_script.hpp"
#include "dharma/util/diagnosed_error.hpp"
#include "dharma/util/error.hpp"

namespace dharma::state {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds k_lease_poll{250};

std::chrono::milliseconds remaining(Clock::time_point deadline) {
  return std::max(std::chrono::milliseconds(1),
                  std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

std::int64_t elapsed_ms(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

bool is_applied(pqxx::transaction_base& tx, std::int64_t version) {
  return !tx.exec_params("SELECT 1 FROM dharma_schema_history WHERE version = $1 AND success", version)
              .empty();
}

[[noreturn]] void throw_lease_timeout(const Lease& lease) {
  throw util::Error("migration " + lease.script + " is being applied outside a transaction by " +
                        lease.holder + " (lease valid until " + lease.expires_at +
                        "); run again when it has finished, or raise --lock-timeout",
                    util::ExitCode::refused);
}

[[noreturn]] void report_failure(const MigrationFile& file, const SqlStatement& statement,
                                 const std::string& message, bool rolled_back) {
  const FailurePlace place = locate_failure(statement, message);
  util::Diagnostics diagnostics;
  diagnostics.error(
      {file.path.string(), place.line, place.column},
      "migration " + file.script + " failed: " + place.message + "\n" +
          (rolled_back ? "  the file's transaction was rolled back; "
                       : "  statements before this one stay applied (no-transaction file); ") +
          "the failure is recorded in dharma_schema_history. Fix the file and run `dharma db migrate` "
          "again.");
  throw util::DiagnosedError(std::move(diagnostics), util::ExitCode::invalid_input);
}

}  // namespace

Migrator::Migrator(ConnectionSettings settings, const std::vector<MigrationFile>& files, util::Status& status)
    : m_settings(std::move(settings)), m_files(files), m_status(status), m_actor(current_actor()) {}

Database& Migrator::migration_database() {
  if (!m_database) {
    m_database = std::make_unique<Database>(m_settings.migration);
  }
  return *m_database;
}

MigrationPlan Migrator::plan() {
  Database& database = migration_database();
  try {
    pqxx::read_transaction tx(database.connection());
    auto history = read_history(tx);
    tx.commit();
    return build_plan(m_files, history);
  } catch (const pqxx::broken_connection& error) {
    throw_connection_lost(database.endpoint(), error);
  }
}

MigrateResult Migrator::migrate(const MigrateOptions& options) {
  const auto deadline = Clock::now() + options.lock_wait;
  MigrationPlan plan;
  {
    Database& database = migration_database();
    try {
      pqxx::work tx(database.connection());
      take_gate(tx, remaining(deadline), database.endpoint().describe());
      create_history_tables(tx);
      plan = build_plan(m_files, read_history(tx));
      tx.commit();
    } catch (const pqxx::broken_connection& error) {
      throw_connection_lost(database.endpoint(), error);
    }
  }
  for (const auto& entry : plan.entries) {
    if (entry.state == MigrationState::changed) {
      throw util::Error(entry.script + " was changed after it was applied (recorded checksum " +
                            entry.recorded_checksum.substr(0, 12) + "…, file " +
                            entry.file->checksum.substr(0, 12) +
                            "…); restore the file (git checkout), or if the edit is deliberate run "
                            "`dharma db repair` to accept it",
                        util::ExitCode::refused);
    }
  }
  MigrateResult result;
  const auto files = plan.to_apply(options.target);
  for (const MigrationFile* file : files) {
    if (file->version < plan.current_version) {
      throw util::Error(file->script + " is pending but version " + std::to_string(plan.current_version) +
                            " is already applied; migrations apply in order, so give it a version above " +
                            std::to_string(plan.current_version) + " (`dharma db new`)",
                        util::ExitCode::refused);
    }
  }
  std::size_t step = 0;
  for (const MigrationFile* file : files) {
    m_status.progress(++step, files.size());
    m_status.step_started("applying " + file->script +
                          (file->no_transaction ? " (no transaction, direct connection)" : ""));
    const auto start = Clock::now();
    const bool applied = file->no_transaction ? apply_without_transaction(*file, deadline)
                                              : apply_in_transaction(*file, deadline);
    if (applied) {
      m_status.step_finished("applied " + file->script + " (" + std::to_string(elapsed_ms(start)) + " ms)");
      result.applied.push_back(file->script);
    } else {
      m_status.step_finished("skipped " + file->script + ": another migrator applied it meanwhile");
      result.skipped.push_back(file->script);
    }
  }
  result.version =
      files.empty() ? plan.current_version : std::max(plan.current_version, files.back()->version);
  return result;
}

bool Migrator::apply_in_transaction(const MigrationFile& file, Clock::time_point deadline) {
  const auto statements = split_sql(file.content, file.path.string());
  Database& database = migration_database();
  try {
    while (true) {
      pqxx::work tx(database.connection());
      take_gate(tx, remaining(deadline), database.endpoint().describe());
      if (auto lease = live_lease(tx)) {
        tx.abort();
        if (Clock::now() >= deadline) {
          throw_lease_timeout(*lease);
        }
        std::this_thread::sleep_for(k_lease_poll);
        continue;
      }
      if (is_applied(tx, file.version)) {
        tx.commit();
        return false;
      }
      const auto start = Clock::now();
      const SqlStatement* current = nullptr;
      try {
        for (const auto& statement : statements) {
          current = &statement;
          tx.exec(statement.text);
        }
      } catch (const pqxx::broken_connection&) {
        throw;
      } catch (const pqxx::sql_error& error) {
        const std::string message = server_message(error, database.endpoint());
        tx.abort();
        record_failure(file, elapsed_ms(start));
        report_failure(file, *current, message, true);
      }
      record_attempt(tx, file, m_actor, elapsed_ms(start), true);
      tx.commit();
      return true;
    }
  } catch (const pqxx::broken_connection& error) {
    throw_connection_lost(database.endpoint(), error);
  } catch (const pqxx::in_doubt_error& error) {
    throw util::Error("the connection to " + database.endpoint().describe() + " broke while committing " +
                          file.script + "; run `dharma db status` to see whether it was applied",
                      util::ExitCode::unavailable);
  }
}

bool Migrator::apply_without_transaction(const MigrationFile& file, Clock::time_point deadline) {
  const auto statements = split_sql(file.content, file.path.string());
  Database direct(m_settings.direct);
  Database& gate = migration_database();
  try {
    pqxx::nontransaction session(direct.connection());
    // Direct connection, so session settings are ours alone: a killed
    // migrator's statement is cancelled within a second instead of running on.
    session.exec("SET client_connection_check_interval = '1s'");
    const auto identity = session.exec1(
        "SELECT pg_backend_pid(), backend_start::text FROM pg_stat_activity WHERE pid = pg_backend_pid()");
    while (true) {
      pqxx::work tx(gate.connection());
      take_gate(tx, remaining(deadline), gate.endpoint().describe());
      if (auto lease = live_lease(tx)) {
        tx.abort();
        if (Clock::now() >= deadline) {
          throw_lease_timeout(*lease);
        }
        std::this_thread::sleep_for(k_lease_poll);
        continue;
      }
      if (is_applied(tx, file.version)) {
        tx.commit();
        return false;
      }
      write_lease(tx, file.script, identity[0].as<int>(), identity[1].as<std::string>());
      tx.commit();
      break;
    }
    const auto start = Clock::now();
    {
      LeaseHeartbeat heartbeat(m_settings.migration);
      for (const auto& statement : statements) {
        try {
          session.exec(statement.text);
        } catch (const pqxx::broken_connection&) {
          throw;
        } catch (const pqxx::sql_error& error) {
          const std::string message = server_message(error, direct.endpoint());
          record_failure(file, elapsed_ms(start));
          report_failure(file, statement, message, false);
        }
      }
    }
    pqxx::work tx(gate.connection());
    take_gate(tx, remaining(deadline + k_lease_ttl), gate.endpoint().describe());
    record_attempt(tx, file, m_actor, elapsed_ms(start), true);
    delete_lease(tx);
    tx.commit();
    return true;
  } catch (const pqxx::broken_connection& error) {
    throw_connection_lost(direct.endpoint(), error);
  }
}

void Migrator::record_failure(const MigrationFile& file, std::int64_t execution_ms) {
  // Best effort: the failure itself is what the user must see.
  try {
    Database& database = migration_database();
    pqxx::work tx(database.connection());
    take_gate(tx, std::chrono::seconds(30), database.endpoint().describe());
    record_attempt(tx, file, m_actor, execution_ms, false);
    if (file.no_transaction) {
      delete_lease(tx);
    }
    tx.commit();
  } catch (const std::exception& error) {
    m_status.warning("could not record the failure of " + file.script + ": " + error.what());
  }
}

void Migrator::baseline(std::int64_t version, std::chrono::milliseconds lock_wait) {
  Database& database = migration_database();
  try {
    pqxx::work tx(database.connection());
    take_gate(tx, lock_wait, database.endpoint().describe());
    create_history_tables(tx);
    const auto rows = tx.exec("SELECT count(*) FROM dharma_schema_history")[0][0].as<std::int64_t>();
    if (rows > 0) {
      throw util::Error("dharma_schema_history already has " + std::to_string(rows) +
                            " rows; baseline only adopts a database that dharma has never migrated "
                            "(see `dharma db status`)",
                        util::ExitCode::refused);
    }
    record_baseline(tx, version, m_actor);
    tx.commit();
  } catch (const pqxx::broken_connection& error) {
    throw_connection_lost(database.endpoint(), error);
  }
}

std::vector<std::string> Migrator::repair(std::chrono::milliseconds lock_wait) {
  std::vector<std::string> changes;
  Database& database = migration_database();
  try {
    pqxx::work tx(database.connection());
    take_gate(tx, lock_wait, database.endpoint().describe());
    create_history_tables(tx);
    const MigrationPlan plan = build_plan(m_files, read_history(tx));
    for (const auto& entry : plan.entries) {
      if (entry.state == MigrationState::changed) {
        realign_checksum(tx, *entry.file);
        changes.push_back("accepted the edited " + entry.script + " (checksum " +
                          entry.recorded_checksum.substr(0, 12) + "… → " +
                          entry.file->checksum.substr(0, 12) + "…)");
      }
    }
    if (const auto removed = delete_failed(tx); removed > 0) {
      changes.push_back("removed " + std::to_string(removed) + " failed row(s)");
    }
    if (delete_dead_lease(tx)) {
      changes.push_back("removed the lease of a migrator that is gone");
    }
    tx.commit();
  } catch (const pqxx::broken_connection& error) {
    throw_connection_lost(database.endpoint(), error);
  }
  return changes;
}

}  // namespace dharma::state
