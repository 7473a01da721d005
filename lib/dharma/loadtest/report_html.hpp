#pragma once
// `--out report.html`: one self-contained page (inline CSS and SVG, no
// scripts, no external assets) showing a run: the summary per tag, the
// counters, every threshold with its observed value, throughput and
// p50/p95/p99 over time, active VUs, the latency histogram and the server
// signals (PgBouncer pools, Redis hit rate, PostgreSQL commits per second).

#include <string>

#include "dharma/loadtest/run_report.hpp"

namespace dharma::loadtest {

std::string render_report_html(const RunReport& report);

}  // namespace dharma::loadtest
