#pragma once
// What the files on disk and the history table say together: for every
// version, whether it is applied, pending, failed, changed since it was
// applied, applied but missing on disk, or covered by a baseline. Pure data,
// so `db migrate`, `db status` and `db verify` agree and it is unit-tested
// without a server.

#include <cstdint>
#include <string>
#include <vector>

#include "dharma/state/migration_set.hpp"
#include "dharma/state/schema_history.hpp"

namespace dharma::state {

enum class MigrationState { applied, pending, failed, changed, missing, below_baseline, baseline };

// "applied", "pending", "failed", "changed", "missing", "below baseline", "baseline".
const char* state_name(MigrationState state);

struct PlanEntry {
  std::int64_t version = 0;
  std::string description;
  std::string script;
  MigrationState state = MigrationState::pending;
  const MigrationFile* file = nullptr;  // null for missing and baseline entries
  std::string recorded_checksum;
  std::string applied_by;
  std::string applied_at;
  std::int64_t execution_ms = 0;
};

struct MigrationPlan {
  std::vector<PlanEntry> entries;    // ordered by version
  std::int64_t current_version = 0;  // highest applied or baseline version, 0 when none

  // Pending and failed files up to `target` (inclusive), in order.
  std::vector<const MigrationFile*> to_apply(std::int64_t target) const;
  std::size_t count(MigrationState state) const;
};

// Combines `files` (sorted by version) with `history` (installed order).
MigrationPlan build_plan(const std::vector<MigrationFile>& files, const std::vector<HistoryRow>& history);

}  // namespace dharma::state
