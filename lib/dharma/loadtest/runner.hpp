#pragma once
// The library entry point of a load test: what `dharma loadtest` and
// `dharma deploy` (its analysis step) call.
//
// run_scenario connects (store targets: the prepared tenants, the VUs'
// connections through PgBouncer, the shared Redis connections), raises
// RLIMIT_NOFILE for the VU count, runs the scenario's executor on one event
// loop, samples the servers every second, judges the thresholds (aborting
// early on an abort_on_fail threshold once its delay has passed) and
// returns the report. It throws util::Error exit 3 when the target cannot
// be reached at the start (within `connect_timeout`), exit 2 when the
// store has not been prepared. Progress (one live line a second, notes on
// limits) goes to `status`.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "dharma/loadtest/run_report.hpp"
#include "dharma/loadtest/scenario.hpp"
#include "dharma/util/status.hpp"

namespace dharma::loadtest {

struct RunSettings {
  // Replaces the scenario's target URL for http requests (deploy points a
  // scenario at the new colour's address); relative request URLs join it.
  std::optional<std::string> http_base_url;
  // The store: through PgBouncer (application role), Redis, and for signals
  // PostgreSQL directly and PgBouncer's admin console (empty: not sampled).
  std::string database_url;
  std::string database_source = "the load test's settings";  // where database_url came from, for messages
  std::string redis_url;
  std::string direct_url;
  std::string pgbouncer_admin_url;
  std::filesystem::path price_catalog_file;  // pricing/aws.yaml, for the price kind
  std::chrono::milliseconds connect_timeout{5000};
  int redis_connections = 4;
  std::uint32_t seed = 1;
};

RunReport run_scenario(const Scenario& scenario, const RunSettings& settings, util::Status& status);

// True when every threshold in `report` passed and no threshold aborted the run.
bool thresholds_passed(const RunReport& report);

}  // namespace dharma::loadtest
