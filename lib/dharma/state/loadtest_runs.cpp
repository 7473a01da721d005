#include "dharma/state/loadtest_runs.hpp"

namespace dharma::state {

namespace {

constexpr const char* k_utc_text = "YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"";

StoredLoadtestRun run_from(const pqxx::row& row, bool with_report) {
  StoredLoadtestRun run;
  run.id = row["id"].as<std::string>();
  run.recorded_at = row["recorded_at"].as<std::string>();
  run.row.scenario = row["scenario"].as<std::string>();
  run.row.target = row["target"].as<std::string>();
  run.row.started_at = row["started_at"].as<std::string>();
  run.row.duration_ms = row["duration_ms"].as<long long>();
  run.row.passed = row["passed"].as<bool>();
  run.row.aborted = row["aborted"].as<bool>();
  if (with_report) {
    run.row.report_json = row["report"].as<std::string>();
  }
  return run;
}

std::string columns(bool with_report) {
  return std::string("id::text, to_char(recorded_at AT TIME ZONE 'UTC', '") + k_utc_text +
         "') AS recorded_at, scenario, target, to_char(started_at AT TIME ZONE 'UTC', '" + k_utc_text +
         "') AS started_at, duration_ms, passed, aborted" + (with_report ? ", report::text AS report" : "");
}

}  // namespace

std::string record_loadtest_run(Store& store, const std::string& tenant_id, const LoadtestRunRow& row,
                                const std::string& actor) {
  std::string id;
  store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    const auto result = tx.exec_params(
        "INSERT INTO loadtest_runs (tenant_id, scenario, target, started_at, duration_ms, passed, aborted, "
        "report, "
        "recorded_by) VALUES ($1::uuid, $2, $3, $4::timestamptz, $5, $6, $7, $8::jsonb, $9) RETURNING "
        "id::text",
        tenant_id, row.scenario, row.target, row.started_at, row.duration_ms, row.passed, row.aborted,
        row.report_json, actor);
    id = result[0][0].as<std::string>();
  });
  return id;
}

std::optional<StoredLoadtestRun> last_loadtest_run(Store& store, const std::string& tenant_id,
                                                   const std::string& scenario, const std::string& target) {
  std::optional<StoredLoadtestRun> run;
  store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    const auto rows = tx.exec_params("SELECT " + columns(true) +
                                         " FROM loadtest_runs WHERE scenario = $1 AND target = $2 "
                                         "ORDER BY started_at DESC, recorded_at DESC LIMIT 1",
                                     scenario, target);
    if (!rows.empty()) {
      run = run_from(rows[0], true);
    }
  });
  return run;
}

std::vector<StoredLoadtestRun> list_loadtest_runs(Store& store, const std::string& tenant_id, int limit) {
  std::vector<StoredLoadtestRun> runs;
  store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    const auto rows =
        tx.exec_params("SELECT " + columns(false) +
                           " FROM loadtest_runs ORDER BY started_at DESC, recorded_at DESC LIMIT $1",
                       limit);
    for (const auto& row : rows) {
      runs.push_back(run_from(row, false));
    }
  });
  return runs;
}

}  // namespace dharma::state
