#pragma once
// Stored load-test runs (migrations/V013__loadtest_runs.sql): one row per
// run and tenant, holding the whole report as JSON. The state layer knows
// the row, not the report's model: callers (api/) turn a
// loadtest::RunReport into a LoadtestRunRow and back, which keeps state/
// free of the load engine that itself depends on state/.

#include <optional>
#include <string>
#include <vector>

#include "dharma/state/store.hpp"

namespace dharma::state {

struct LoadtestRunRow {
  std::string scenario;
  std::string target;
  std::string started_at;  // UTC ISO-8601
  long long duration_ms = 0;
  bool passed = true;
  bool aborted = false;
  std::string report_json;  // a dharma-loadtest-report/1 document
};

struct StoredLoadtestRun {
  std::string id;
  std::string recorded_at;  // UTC ISO-8601
  LoadtestRunRow row;
};

// Inserts `row` for `tenant_id` in one transaction; returns the new id.
std::string record_loadtest_run(Store& store, const std::string& tenant_id, const LoadtestRunRow& row,
                                const std::string& actor);

// The run of `scenario` against `target` that started last, or nothing.
std::optional<StoredLoadtestRun> last_loadtest_run(Store& store, const std::string& tenant_id,
                                                   const std::string& scenario, const std::string& target);

// The tenant's runs, newest first, without their reports (report_json empty).
std::vector<StoredLoadtestRun> list_loadtest_runs(Store& store, const std::string& tenant_id, int limit);

}  // namespace dharma::state
