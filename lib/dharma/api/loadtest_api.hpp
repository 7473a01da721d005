#pragma once
// Entry points for `dharma loadtest` (docs/loadtest.md): the built-in
// scenarios, scenario files, and preparing the store's test data.

#include <optional>
#include <string>

#include "dharma/api/command_context.hpp"
#include "dharma/api/loadtest_report_api.hpp"
#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct LoadtestOptions {
  LoadtestOutputOptions output;         // --format, --out, --prometheus, --store, --compare, … (and the connection)
  std::string scenario;                 // baseline|stress|spike|soak (built-in)
  std::string file;                     // run FILE
  std::optional<int> vus;               // --vus
  std::optional<std::string> duration;  // --duration (util::parse_duration)
  std::optional<std::string> target;    // --target store|URL
  std::optional<int> tenants;           // --tenants (prepare; run: the scenario's)
  std::string connect_timeout = "5s";   // --connect-timeout
  bool cleanup = false;                 // prepare --cleanup
};

// The built-in scenarios, names in the order of --help.
std::vector<std::string> loadtest_scenario_names();

// Runs built-in scenario `options.scenario`. Exit 0 when every threshold
// passed, 1 when one failed (or aborted the run), 2 for bad flags or an
// unprepared store, 3 when the target cannot be reached.
int loadtest_builtin(const LoadtestOptions& options, CommandContext& context);

// Runs the scenario file `options.file` (errors at file:line:col, exit 2).
int loadtest_run(const LoadtestOptions& options, CommandContext& context);

// Seeds the tenants and blueprints the store scenarios read (idempotent),
// or with `cleanup` removes them. Exit 3 when the store is unavailable.
int loadtest_prepare(const LoadtestOptions& options, CommandContext& context);

}  // namespace dharma::api
