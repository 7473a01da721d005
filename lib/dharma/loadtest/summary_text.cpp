#include "dharma/loadtest/summary_text.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace dharma::loadtest {
namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string ms(std::int64_t us) { return fixed(static_cast<double>(us) / 1000.0, 2); }

std::string pad(const std::string& text, std::size_t width, bool right) {
  if (text.size() >= width) {
    return text;
  }
  const std::string fill(width - text.size(), ' ');
  return right ? fill + text : text + fill;
}

// "all" first, then kinds, then the user tags, each group sorted.
std::vector<std::string> tag_order(const RunReport& report) {
  std::vector<std::string> kinds;
  std::vector<std::string> others;
  for (const auto& [tag, stats] : report.tags) {
    if (tag == k_all_tag) {
      continue;
    }
    (tag.rfind("kind:", 0) == 0 ? kinds : others).push_back(tag);
  }
  std::vector<std::string> order;
  if (report.tags.count(k_all_tag) > 0) {
    order.emplace_back(k_all_tag);
  }
  order.insert(order.end(), kinds.begin(), kinds.end());
  order.insert(order.end(), others.begin(), others.end());
  return order;
}

}  // namespace

std::string summary_text(const RunReport& report) {
  const double seconds = std::max(0.001, static_cast<double>(report.duration.count()) / 1000.0);
  std::string text = "scenario " + report.scenario + "  target " + report.target + "  started " + report.started_at +
                     "  duration " + fixed(seconds, 1) + "s\n\n";
  const std::vector<std::pair<std::string, std::size_t>> columns{
      {"tag", 20}, {"requests", 10}, {"errors", 8}, {"ops/s", 10}, {"p50 ms", 9},  {"p90 ms", 9},
      {"p95 ms", 9}, {"p99 ms", 9},  {"p99.9 ms", 9}, {"max ms", 9}};
  for (std::size_t i = 0; i < columns.size(); ++i) {
    text += pad(columns[i].first, columns[i].second, i > 0);
  }
  text += '\n';
  for (const auto& tag : tag_order(report)) {
    const auto& stats = report.tags.at(tag);
    const auto& latency = stats.latency;
    const std::vector<std::string> cells{tag,
                                         std::to_string(stats.requests),
                                         std::to_string(stats.errors),
                                         fixed(static_cast<double>(stats.requests) / seconds, 1),
                                         ms(latency.value_at_percentile(50)),
                                         ms(latency.value_at_percentile(90)),
                                         ms(latency.value_at_percentile(95)),
                                         ms(latency.value_at_percentile(99)),
                                         ms(latency.value_at_percentile(99.9)),
                                         ms(latency.max())};
    for (std::size_t i = 0; i < cells.size(); ++i) {
      text += pad(cells[i], columns[i].second, i > 0);
    }
    text += '\n';
  }
  if (report.tags.empty()) {
    text += "(no requests)\n";
  }
  const auto lookups = report.counters.cache_hits + report.counters.cache_misses;
  text += "\ncache hit rate ";
  text += lookups == 0 ? std::string("-")
                       : fixed(100.0 * static_cast<double>(report.counters.cache_hits) / static_cast<double>(lookups), 1) + "%";
  text += " (" + std::to_string(report.counters.cache_hits) + " hits, " + std::to_string(report.counters.cache_misses) +
          " misses)  dropped iterations " + std::to_string(report.counters.dropped_iterations) + "  late starts " +
          std::to_string(report.counters.late_starts) + "\n";

  std::int64_t waiting = 0;
  std::int64_t server_active = 0;
  std::int64_t clients = 0;
  bool bouncer = false;
  for (const auto& sample : report.server) {
    if (sample.pgbouncer) {
      bouncer = true;
      waiting = std::max(waiting, sample.pgbouncer->cl_waiting);
      server_active = std::max(server_active, sample.pgbouncer->sv_active);
      clients = std::max(clients, sample.pgbouncer->cl_active + sample.pgbouncer->cl_waiting);
    }
  }
  if (bouncer) {
    text += "pgbouncer peak: clients " + std::to_string(clients) + ", waiting " + std::to_string(waiting) +
            ", server connections active " + std::to_string(server_active) + "\n";
  }
  if (!report.thresholds.empty()) {
    text += "\nthresholds\n";
    for (const auto& threshold : report.thresholds) {
      text += std::string(threshold.passed ? "  pass  " : "  FAIL  ") + threshold.text + "  (observed " +
              fixed(threshold.observed, 3) + (threshold.aborted_run ? ", aborted the run" : "") + ")\n";
    }
  }
  if (report.aborted) {
    text += "\nthe run was aborted: " + report.abort_reason + "\n";
  }
  return text;
}

}  // namespace dharma::loadtest
