#include "dharma/loadtest/report_text.hpp"

#include <algorithm>

#include "dharma/loadtest/column_text.hpp"
#include "dharma/loadtest/figure_text.hpp"
#include "dharma/loadtest/tag_summary.hpp"
#include "dharma/util/number_text.hpp"
#include "dharma/util/printable.hpp"

namespace dharma::loadtest {

namespace {

std::string tag_table(const RunReport& report) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{"tag", "requests", "errors", "ops/s", "mean"};
  for (std::size_t i = 0; i < k_summary_percentiles.size(); ++i) {
    header.emplace_back(percentile_name(i));
  }
  header.emplace_back("max");
  rows.push_back(header);
  for (const auto& [name, stats] : report.tags) {
    const auto summary = summarize(stats, report.duration);
    std::vector<std::string> row{util::printable(name), std::to_string(summary.requests),
                                 std::to_string(summary.errors), rate_text(summary.ops_per_second),
                                 latency_text(summary.mean_us)};
    for (auto value : summary.percentile_us) {
      row.push_back(latency_text(static_cast<double>(value)));
    }
    row.push_back(latency_text(static_cast<double>(summary.max_us)));
    rows.push_back(row);
  }
  return aligned_columns(rows);
}

std::string server_peaks(const RunReport& report) {
  std::string text;
  std::int64_t cl_waiting = -1, sv_active = -1, maxwait_us = -1, redis_clients = -1;
  for (const auto& sample : report.server) {
    if (sample.pgbouncer) {
      cl_waiting = std::max(cl_waiting, sample.pgbouncer->cl_waiting);
      sv_active = std::max(sv_active, sample.pgbouncer->sv_active);
      maxwait_us = std::max(maxwait_us, sample.pgbouncer->maxwait_us);
    }
    if (sample.redis) {
      redis_clients = std::max(redis_clients, sample.redis->connected_clients);
    }
  }
  if (cl_waiting >= 0) {
    text += "pgbouncer peaks: cl_waiting " + std::to_string(cl_waiting) + ", sv_active " +
            std::to_string(sv_active) + ", maxwait " + latency_text(static_cast<double>(maxwait_us)) + "\n";
  }
  if (redis_clients >= 0) {
    text += "redis peak connected clients: " + std::to_string(redis_clients) + "\n";
  }
  return text;
}

}  // namespace

std::string render_report_text(const RunReport& report) {
  std::string text = "scenario " + util::printable(report.scenario) + " against " +
                     util::printable(report.target) + ", started " + util::printable(report.started_at) +
                     ", " + util::fixed_text(static_cast<double>(report.duration.count()) / 1000.0, 1) +
                     " s\n";
  if (report.aborted) {
    text += "aborted: " + util::printable(report.abort_reason) + "\n";
  }
  text += "\n" + tag_table(report) + "\n";
  const auto& counters = report.counters;
  const auto lookups = counters.cache_hits + counters.cache_misses;
  text += "dropped iterations: " + std::to_string(counters.dropped_iterations) +
          ", late starts: " + std::to_string(counters.late_starts) + ", cache hit rate: " +
          (lookups == 0
               ? std::string("no lookups")
               : percent_text(static_cast<double>(counters.cache_hits) / static_cast<double>(lookups)) +
                     " (" + std::to_string(counters.cache_hits) + " of " + std::to_string(lookups) + ")") +
          "\n";
  text += server_peaks(report);
  if (!report.thresholds.empty()) {
    std::vector<std::vector<std::string>> rows{{"threshold", "observed", "result"}};
    for (const auto& threshold : report.thresholds) {
      rows.push_back(
          {util::printable(threshold.text), observed_text(threshold, 3),
           threshold.passed ? "passed" : (threshold.aborted_run ? "FAILED (aborted the run)" : "FAILED")});
    }
    text += "\n" + aligned_columns(rows);
  }
  return text;
}

}  // namespace dharma::loadtest
