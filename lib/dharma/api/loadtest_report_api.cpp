#include "dharma/api/loadtest_report_api.hpp"

#include <algorithm>

#include "dharma/api/state_session.hpp"
#include "dharma/loadtest/column_text.hpp"
#include "dharma/loadtest/json_text.hpp"
#include "dharma/loadtest/report_compare.hpp"
#include "dharma/loadtest/report_html.hpp"
#include "dharma/loadtest/report_merge.hpp"
#include "dharma/loadtest/report_prometheus.hpp"
#include "dharma/loadtest/report_text.hpp"
#include "dharma/loadtest/run_report_json.hpp"
#include "dharma/state/loadtest_runs.hpp"
#include "dharma/state/schema_history.hpp"
#include "dharma/state/tenant_store.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/printable.hpp"

namespace dharma::api {

namespace {

loadtest::RunReport read_report(const std::string& file) {
  return loadtest::report_from_json_text(util::read_file(file, 256U * 1024U * 1024U), file);
}

state::LoadtestRunRow row_of(const loadtest::RunReport& report) {
  const bool passed =
      std::all_of(report.thresholds.begin(), report.thresholds.end(),
                  [](const loadtest::ThresholdResult& threshold) { return threshold.passed; });
  return {report.scenario,
          report.target,
          report.started_at,
          static_cast<long long>(report.duration.count()),
          passed,
          report.aborted,
          loadtest::report_to_json(report).dump()};
}

// The report --compare names: the last stored run of the same scenario and
// target, or a report file. Nothing (with a note) when none is stored yet.
std::optional<loadtest::RunReport> previous_report(const loadtest::RunReport& report,
                                                   const LoadtestOutputOptions& options,
                                                   CommandContext& context) {
  if (options.compare != "last") {
    return read_report(options.compare);
  }
  auto& session = context.state_session(options.connection, true);
  const auto tenant_id = session.resolve_tenant(tenant_slug(options.tenant));
  const auto stored = state::last_loadtest_run(session.store, tenant_id, report.scenario, report.target);
  if (!stored) {
    context.status().note("no earlier run of " + util::printable(report.scenario) + " against " +
                          util::printable(report.target) + " is stored; nothing to compare with");
    return std::nullopt;
  }
  return loadtest::report_from_json_text(stored->row.report_json, "stored run " + stored->id);
}

}  // namespace

std::optional<double> parse_fail_on_regression(const std::string& text) {
  return loadtest::parse_regression_percent(text);
}

std::string loadtest_text_summary(const loadtest::RunReport& report) {
  return loadtest::render_report_text(report);
}

int loadtest_publish(const loadtest::RunReport& report, const LoadtestOutputOptions& options,
                     CommandContext& context, const std::string& text_summary) {
  if (!options.out.empty()) {
    util::write_file_atomic(options.out, loadtest::render_report_html(report));
  }
  if (!options.prometheus.empty()) {
    util::write_file_atomic(options.prometheus, loadtest::render_report_prometheus(report));
  }
  std::optional<loadtest::Comparison> comparison;
  if (!options.compare.empty()) {
    if (const auto previous = previous_report(report, options, context)) {
      comparison = loadtest::compare(report, *previous, options.fail_on_regression);
    }
  }
  if (options.store) {
    auto& session = context.state_session(options.connection, true);
    const std::string slug = tenant_slug(options.tenant);
    const auto id = state::record_loadtest_run(session.store, session.resolve_tenant(slug), row_of(report),
                                               state::current_actor());
    context.status().note("stored run " + id + " for tenant " + util::printable(slug));
  }
  if (options.format == "json") {
    auto document = loadtest::report_to_json(report);
    if (comparison) {
      document["comparison"] = loadtest::comparison_to_json(*comparison);
    }
    context.out() << loadtest::pretty_json(document);
  } else {
    context.out() << text_summary;
    if (comparison) {
      context.out() << "\n" << loadtest::render_comparison_text(*comparison);
    }
  }
  const bool thresholds_failed =
      std::any_of(report.thresholds.begin(), report.thresholds.end(),
                  [](const loadtest::ThresholdResult& threshold) { return !threshold.passed; });
  return thresholds_failed || (comparison && comparison->regressed()) ? util::to_int(util::ExitCode::found)
                                                                      : util::to_int(util::ExitCode::ok);
}

int loadtest_merge(const LoadtestMergeOptions& options, CommandContext& context) {
  std::vector<loadtest::RunReport> reports;
  for (const auto& file : options.files) {
    reports.push_back(read_report(file));
  }
  const auto merged = loadtest::merge_reports(reports);
  context.status().note("merged " + std::to_string(reports.size()) + " reports");
  if (std::any_of(reports.begin(), reports.end(),
                  [](const auto& report) { return !report.thresholds.empty(); })) {
    context.status().note("thresholds are judged per run: the merged report carries none (see each input's)");
  }
  return loadtest_publish(merged, options.output, context, loadtest::render_report_text(merged));
}

int loadtest_report(const LoadtestReportOptions& options, CommandContext& context) {
  const auto report = read_report(options.file);
  return loadtest_publish(report, options.output, context, loadtest::render_report_text(report));
}

int loadtest_runs(const LoadtestRunsOptions& options, CommandContext& context) {
  auto& session = context.state_session(options.connection, true);
  const auto runs = state::list_loadtest_runs(
      session.store, session.resolve_tenant(tenant_slug(options.tenant)), options.limit);
  if (options.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& run : runs) {
      list.push_back({{"id", run.id},
                      {"scenario", run.row.scenario},
                      {"target", run.row.target},
                      {"started_at", run.row.started_at},
                      {"duration_ms", run.row.duration_ms},
                      {"passed", run.row.passed},
                      {"aborted", run.row.aborted},
                      {"recorded_at", run.recorded_at}});
    }
    context.out() << list.dump(2) << "\n";
    return 0;
  }
  std::vector<std::vector<std::string>> rows{
      {"started", "scenario", "target", "duration", "thresholds", "id"}};
  for (const auto& run : runs) {
    rows.push_back({run.row.started_at, util::printable(run.row.scenario), util::printable(run.row.target),
                    std::to_string(run.row.duration_ms / 1000) + " s",
                    std::string(run.row.passed ? "passed" : "failed") + (run.row.aborted ? ", aborted" : ""),
                    run.id});
  }
  context.out() << loadtest::aligned_columns(rows, 3);
  return 0;
}

}  // namespace dharma::api
