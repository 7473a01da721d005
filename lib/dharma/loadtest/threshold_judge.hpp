#pragma once
// Judges thresholds over a RunReport (threshold_expression.hpp says what
// each measures). Observed values are in the threshold's unit: ms for
// latency, a fraction for rates, requests per second for throughput, the
// signal's own unit otherwise (PgBouncer maxwait in seconds). A threshold
// over data the run does not have — a tag no request carried, a signal the
// sampler could not read — fails: "no data" must not read as a pass.

#include <optional>

#include "dharma/loadtest/run_report.hpp"
#include "dharma/loadtest/scenario.hpp"
#include "dharma/loadtest/threshold_expression.hpp"

namespace dharma::loadtest {

// The observed value, or nothing when the report has no data for it.
std::optional<double> observe(const ThresholdExpression& expression, const RunReport& report);

// `threshold` judged over `report` (its text parsed again; a text that does
// not parse fails).
ThresholdResult judge(const Threshold& threshold, const RunReport& report);

}  // namespace dharma::loadtest
