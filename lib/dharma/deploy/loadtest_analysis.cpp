#include "dharma/deploy/loadtest_analysis.hpp"

#include "dharma/loadtest/runner.hpp"
#include "dharma/loadtest/scenario_reader.hpp"
#include "dharma/util/number_text.hpp"

namespace dharma::deploy {
namespace {

std::string first_problem(const util::Diagnostics& diagnostics) {
  for (const auto& item : diagnostics.all()) {
    if (item.severity == util::Severity::error) {
      return util::format_diagnostic(item);
    }
  }
  return "unreadable";
}

}  // namespace

void check_scenario(const std::string& scenario_file, util::Diagnostics& diagnostics) {
  const auto scenario = loadtest::load_scenario(scenario_file, diagnostics);
  if (scenario && scenario->target == "store") {
    diagnostics.error(
        util::SourceLocation{scenario_file, 0, 0},
        "a deploy analysis sends HTTP to the new colour: the scenario's requests must be kind: http");
  }
}

Verdict loadtest_analysis(const std::string& base_url, const std::string& scenario_file) {
  Verdict verdict;
  util::Diagnostics diagnostics;
  const auto scenario = loadtest::load_scenario(scenario_file, diagnostics);
  if (!scenario || diagnostics.has_errors()) {
    verdict.observed = "load-test scenario " + scenario_file + ": " + first_problem(diagnostics);
    return verdict;
  }
  loadtest::RunSettings settings;
  settings.http_base_url = base_url;
  util::SilentStatus quiet;
  const auto report = loadtest::run_scenario(*scenario, settings, quiet);
  verdict.passed = loadtest::thresholds_passed(report);
  std::string judged;
  for (const auto& threshold : report.thresholds) {
    judged += (judged.empty() ? "" : ", ") + threshold.text + " observed " +
              loadtest::observed_text(threshold, 3) + (threshold.passed ? " ok" : " FAILED");
  }
  verdict.observed = "load test " + scenario->name + " against " + *settings.http_base_url + ": " +
                     (judged.empty() ? std::string("no thresholds") : judged);
  return verdict;
}

}  // namespace dharma::deploy
