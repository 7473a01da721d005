#pragma once
// The end-of-run summary for a person: one line per tag set ("all", then
// each request kind, then user tags) with requests, errors, throughput and
// the latency percentiles from the histograms; the cache hit rate, the
// open model's counters, the server signals' peaks, and every threshold
// with its observed value.

#include <string>

#include "dharma/loadtest/run_report.hpp"

namespace dharma::loadtest {

std::string summary_text(const RunReport& report);

}  // namespace dharma::loadtest
