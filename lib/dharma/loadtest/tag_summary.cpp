#include "dharma/loadtest/tag_summary.hpp"

namespace dharma::loadtest {

TagSummary summarize(const TagStats& stats, std::chrono::milliseconds duration) {
  TagSummary summary;
  summary.requests = stats.requests;
  summary.errors = stats.errors;
  summary.error_rate =
      stats.requests == 0 ? 0.0 : static_cast<double>(stats.errors) / static_cast<double>(stats.requests);
  summary.ops_per_second = duration.count() <= 0 ? 0.0
                                                 : static_cast<double>(stats.requests) * 1000.0 /
                                                       static_cast<double>(duration.count());
  summary.min_us = stats.latency.min();
  summary.mean_us = stats.latency.mean();
  for (std::size_t i = 0; i < k_summary_percentiles.size(); ++i) {
    summary.percentile_us[i] = stats.latency.value_at_percentile(k_summary_percentiles[i]);
  }
  summary.max_us = stats.latency.max();
  return summary;
}

const char* percentile_name(std::size_t index) {
  static constexpr std::array<const char*, k_summary_percentiles.size()> names{"p50", "p90", "p95", "p99",
                                                                               "p99.9"};
  return index < names.size() ? names[index] : "p?";
}

}  // namespace dharma::loadtest
