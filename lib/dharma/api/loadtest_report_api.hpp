#pragma once
// Entry points for what happens to a load-test report after a run:
// `dharma loadtest merge A.json B.json …`, `dharma loadtest report FILE.json`,
// `dharma loadtest runs`, and loadtest_publish, which `loadtest
// run|baseline|stress|spike|soak` call with their finished report for the
// output flags they share (--format json, --out report.html, --prometheus,
// --store, --compare last, --fail-on-regression). The domain code is in
// lib/dharma/loadtest/ (report model, merge, outputs, compare) and
// lib/dharma/state/loadtest_runs.hpp (stored runs).

#include <optional>
#include <string>
#include <vector>

#include "dharma/api/command_context.hpp"
#include "dharma/loadtest/run_report.hpp"
#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

// The flags every command that ends with a report shares.
struct LoadtestOutputOptions {
  std::string format = "text";               // text or json (one document on stdout)
  std::string out;                           // --out FILE: the self-contained HTML page
  std::string prometheus;                    // --prometheus FILE: text exposition for node_exporter
  std::string compare;                       // --compare last | FILE.json; empty: no comparison
  std::optional<double> fail_on_regression;  // --fail-on-regression 10%: percent
  bool store = false;                        // --store: keep the run in loadtest_runs for the tenant
  std::string tenant;                        // --tenant (else DHARMA_TENANT) for --store and --compare last
  state::ConnectionFlags connection;
};

struct LoadtestMergeOptions {
  std::vector<std::string> files;  // two or more reports (--format json of a run)
  LoadtestOutputOptions output;
};

struct LoadtestReportOptions {
  std::string file;  // one report
  LoadtestOutputOptions output;
};

struct LoadtestRunsOptions {
  std::string tenant;
  state::ConnectionFlags connection;
  std::string format = "text";
  int limit = 20;
};

// Writes --out and --prometheus, compares with --compare, stores with
// --store, then prints `text_summary` and the comparison (text) or one JSON
// document holding the report and the comparison (json). Returns 1 when a
// threshold failed or a figure regressed past --fail-on-regression, else 0.
int loadtest_publish(const loadtest::RunReport& report, const LoadtestOutputOptions& options,
                     CommandContext& context, const std::string& text_summary);

// The text summary `loadtest merge` and `loadtest report` print (per tag, counters, thresholds).
std::string loadtest_text_summary(const loadtest::RunReport& report);

int loadtest_merge(const LoadtestMergeOptions& options, CommandContext& context);
int loadtest_report(const LoadtestReportOptions& options, CommandContext& context);
int loadtest_runs(const LoadtestRunsOptions& options, CommandContext& context);

// "10%" or "10" as 10; nullopt for anything else (for the CLI's check of --fail-on-regression).
std::optional<double> parse_fail_on_regression(const std::string& text);

}  // namespace dharma::api
