#pragma once
// Applies migration files to one database under the lock of
// migration_lock.hpp: transactional files through the migration endpoint
// (PgBouncer is fine), `-- dharma:no-transaction` files statement by
// statement on the direct endpoint.

#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "dharma/state/connection_settings.hpp"
#include "dharma/state/database.hpp"
#include "dharma/state/migration_plan.hpp"
#include "dharma/util/status.hpp"

namespace dharma::state {

struct MigrateOptions {
  std::int64_t target = std::numeric_limits<std::int64_t>::max();  // --to
  std::chrono::milliseconds lock_wait{60'000};                     // --lock-timeout
};

struct MigrateResult {
  std::vector<std::string> applied;  // scripts this run applied
  std::vector<std::string> skipped;  // scripts another migrator applied meanwhile
  std::int64_t version = 0;          // the database's version afterwards
};

class Migrator {
 public:
  Migrator(ConnectionSettings settings, const std::vector<MigrationFile>& files, util::Status& status);

  // The plan from the current history, read without changing anything.
  MigrationPlan plan();

  // Applies what is pending up to `options.target`. Throws util::Error with
  // exit 4 when an applied file changed, a file is out of order or the lock
  // stays taken; a failing file is recorded, rolled back and reported as
  // FILE:LINE:COL (util::Reported, exit 2); a lost connection exits 3.
  MigrateResult migrate(const MigrateOptions& options);

  // Adopts an existing database: records a baseline at `version`.
  // Throws util::Error (exit 4) when the history is not empty.
  void baseline(std::int64_t version, std::chrono::milliseconds lock_wait);

  // Realigns checksums of applied files with the files on disk, removes
  // failed rows and dead leases. Returns one line per change.
  std::vector<std::string> repair(std::chrono::milliseconds lock_wait);

 private:
  bool apply_in_transaction(const MigrationFile& file, std::chrono::steady_clock::time_point deadline);
  bool apply_without_transaction(const MigrationFile& file, std::chrono::steady_clock::time_point deadline);
  void record_failure(const MigrationFile& file, std::int64_t execution_ms);
  // The migration endpoint's connection, opened on first use and kept for the run.
  Database& migration_database();

  ConnectionSettings m_settings;
  const std::vector<MigrationFile>& m_files;
  util::Status& m_status;  // "applying V002__tenants.sql", "applied … (12 ms)"
  std::string m_actor;
  std::unique_ptr<Database> m_database;
};

}  // namespace dharma::state
