#include "dharma/state/migration_plan.hpp"

#include <algorithm>
#include <map>

namespace dharma::state {

const char* state_name(MigrationState state) {
  switch (state) {
    case MigrationState::applied:
      return "applied";
    case MigrationState::pending:
      return "pending";
    case MigrationState::failed:
      return "failed";
    case MigrationState::changed:
      return "changed";
    case MigrationState::missing:
      return "missing";
    case MigrationState::below_baseline:
      return "below baseline";
    case MigrationState::baseline:
      return "baseline";
  }
  return "unknown";
}

std::vector<const MigrationFile*> MigrationPlan::to_apply(std::int64_t target) const {
  std::vector<const MigrationFile*> files;
  for (const auto& entry : entries) {
    if ((entry.state == MigrationState::pending || entry.state == MigrationState::failed) &&
        entry.file != nullptr && entry.version <= target) {
      files.push_back(entry.file);
    }
  }
  return files;
}

std::size_t MigrationPlan::count(MigrationState state) const {
  return static_cast<std::size_t>(
      std::count_if(entries.begin(), entries.end(), [&](const auto& entry) { return entry.state == state; }));
}

MigrationPlan build_plan(const std::vector<MigrationFile>& files, const std::vector<HistoryRow>& history) {
  std::map<std::int64_t, const HistoryRow*> succeeded;
  std::map<std::int64_t, const HistoryRow*> failed;
  std::int64_t baseline = 0;
  for (const auto& row : history) {
    if (!row.success) {
      failed[row.version] = &row;
    } else if (row.type == "BASELINE") {
      baseline = std::max(baseline, row.version);
      succeeded[row.version] = &row;
    } else {
      succeeded[row.version] = &row;
    }
  }

  MigrationPlan plan;
  std::map<std::int64_t, PlanEntry> entries;
  const auto from_row = [](PlanEntry& entry, const HistoryRow& row) {
    entry.recorded_checksum = row.checksum;
    entry.applied_by = row.applied_by;
    entry.applied_at = row.applied_at;
    entry.execution_ms = row.execution_ms;
  };
  for (const auto& file : files) {
    PlanEntry entry{
        file.version, file.description, file.script, MigrationState::pending, &file, "", "", "", 0};
    if (auto it = succeeded.find(file.version); it != succeeded.end() && it->second->type == "SQL") {
      from_row(entry, *it->second);
      entry.state = it->second->checksum == file.checksum ? MigrationState::applied : MigrationState::changed;
    } else if (file.version <= baseline) {
      entry.state = MigrationState::below_baseline;
    } else if (auto failure = failed.find(file.version); failure != failed.end()) {
      from_row(entry, *failure->second);
      entry.state = MigrationState::failed;
    }
    entries[file.version] = entry;
  }
  for (const auto& [version, row] : succeeded) {
    if (row->type == "BASELINE") {
      PlanEntry entry{version, row->description, row->script, MigrationState::baseline, nullptr, "", "", "",
                      0};
      from_row(entry, *row);
      entries.insert_or_assign(version, entry);
    } else if (!entries.contains(version)) {
      PlanEntry entry{version, row->description, row->script, MigrationState::missing, nullptr, "", "", "",
                      0};
      from_row(entry, *row);
      entries[version] = entry;
    }
    plan.current_version = std::max(plan.current_version, version);
  }
  for (auto& [version, entry] : entries) {
    plan.entries.push_back(std::move(entry));
  }
  return plan;
}

}  // namespace dharma::state
