#pragma once
// `--compare last` / `--fail-on-regression 10%`: each figure of a run
// against the same figure of an earlier run of the same scenario.
//
// For every tag both runs have, throughput (higher is better), error rate
// and the p50/p95/p99 latencies (lower is better) are compared; the run's
// cache hit rate too when both made lookups. A figure is worse when it moved
// the wrong way; it is a regression when it is worse by more than
// `fail_percent` of the previous value (an error rate that rises from zero
// is a regression at any percentage).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dharma/loadtest/run_report.hpp"

namespace dharma::loadtest {

enum class Better { higher, lower };
enum class FigureUnit { per_second, fraction, microseconds };

struct FigureComparison {
  std::string tag;     // "all", "kind:pull"; "run" for run-wide figures
  std::string figure;  // "ops/s", "error rate", "p95", "cache hit rate"
  FigureUnit unit = FigureUnit::microseconds;
  Better better = Better::lower;
  double previous = 0;
  double current = 0;
  std::optional<double> change_percent;  // nullopt when the previous value is 0
  bool worse = false;
  bool regression = false;
};

struct Comparison {
  std::string previous_started_at;
  std::optional<double> fail_percent;
  std::vector<FigureComparison> figures;

  bool regressed() const;
};

// `fail_percent` nullopt: figures are marked worse, never regressions.
Comparison compare(const RunReport& current, const RunReport& previous, std::optional<double> fail_percent);

// One aligned line per figure: previous, current, change, and "worse" or "REGRESSION".
std::string render_comparison_text(const Comparison& comparison);
nlohmann::ordered_json comparison_to_json(const Comparison& comparison);

// Reads "10%" or "10" as 10 (0 to 1000); nullopt for anything else.
std::optional<double> parse_regression_percent(const std::string& text);

}  // namespace dharma::loadtest
