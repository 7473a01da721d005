#pragma once
// The figures people read off one tag of a run: throughput, error rate and
// the latency percentiles, all derived from the TagStats and the run's
// duration (so a merged run's summary is that of all its samples).

#include <array>
#include <chrono>
#include <cstdint>

#include "dharma/loadtest/run_report.hpp"

namespace dharma::loadtest {

// The percentiles every output shows, in this order.
inline constexpr std::array<double, 5> k_summary_percentiles{50, 90, 95, 99, 99.9};

struct TagSummary {
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;
  double error_rate = 0;      // errors / requests, 0 without requests
  double ops_per_second = 0;  // requests / duration, 0 for a zero duration
  std::int64_t min_us = 0;
  double mean_us = 0;
  std::array<std::int64_t, k_summary_percentiles.size()> percentile_us{};  // k_summary_percentiles
  std::int64_t max_us = 0;

  bool operator==(const TagSummary&) const = default;
};

TagSummary summarize(const TagStats& stats, std::chrono::milliseconds duration);

// "p50", "p90", "p95", "p99", "p99.9".
const char* percentile_name(std::size_t index);

}  // namespace dharma::loadtest
