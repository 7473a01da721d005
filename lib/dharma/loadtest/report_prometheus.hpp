#pragma once
// `--prometheus FILE`: a run in the Prometheus text exposition format
// (version 0.0.4), for node_exporter's textfile collector. Every metric has
// a HELP and a TYPE line and is labelled with the scenario and target, and
// per tag with `tag`; latency is a summary in seconds (quantiles 0.5, 0.9,
// 0.95, 0.99, 0.999 plus _sum and _count). Label values are escaped
// (backslash, double quote, newline) as the format requires.

#include <string>

#include "dharma/loadtest/run_report.hpp"

namespace dharma::loadtest {

std::string render_report_prometheus(const RunReport& report);

}  // namespace dharma::loadtest
