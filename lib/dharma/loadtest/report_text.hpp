#pragma once
// The text summary of a run (`loadtest merge`, `loadtest report`): what ran
// and for how long, one row per tag with throughput, errors and latency
// percentiles, the counters, the server signals' peaks and every threshold
// with its observed value. Names from input are escaped for the terminal.

#include <string>

#include "dharma/loadtest/run_report.hpp"

namespace dharma::loadtest {

std::string render_report_text(const RunReport& report);

}  // namespace dharma::loadtest
