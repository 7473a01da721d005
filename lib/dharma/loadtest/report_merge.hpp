#pragma once
// `dharma loadtest merge`: runs made at the same time on several machines
// combined into one report, exactly.
//
// Histograms keep every sample's bucket, so merging adds bucket counts and
// the merged percentiles are those of all samples together; request, error
// and counter totals add up; timelines are aligned by wall-clock second and
// added (ops, errors, active VUs, cache hits and misses, histograms). The
// merged run spans from the earliest start to the latest end, so its
// throughput is all requests over that span. Server samples of the same
// second describe the same servers seen from several machines, so each
// figure keeps its largest value (the worst cl_waiting, the latest counter).
// Thresholds are judged per run and are not carried over: the inputs list
// them; `aborted` is set when any input was aborted.

#include <vector>

#include "dharma/loadtest/run_report.hpp"

namespace dharma::loadtest {

// The report of all `reports` together (at least one). Throws util::Error
// (exit 2) when a start time cannot be read.
RunReport merge_reports(const std::vector<RunReport>& reports);

}  // namespace dharma::loadtest
