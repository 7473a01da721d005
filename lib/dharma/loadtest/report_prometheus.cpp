#include "dharma/loadtest/report_prometheus.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "dharma/loadtest/tag_summary.hpp"

namespace dharma::loadtest {

namespace {

std::string label_value(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\') {
      escaped += "\\\\";
    } else if (c == '"') {
      escaped += "\\\"";
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

// Shortest text that reads back to the same double ("0.001", "1e+20").
// The format spells the non-finite values +Inf, -Inf and NaN.
std::string number(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  return fmt::format("{}", value);
}

class Exposition {
 public:
  explicit Exposition(const RunReport& report)
      : m_run_labels("scenario=\"" + label_value(report.scenario) + "\",target=\"" +
                     label_value(report.target) + "\"") {}

  void family(const std::string& name, const char* type, const std::string& help) {
    m_text += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  }
  // `extra` is more labels, already formatted (`tag="all"`), or empty.
  void sample(const std::string& name, const std::string& extra, double value) {
    m_text += name + "{" + m_run_labels + (extra.empty() ? "" : "," + extra) + "} " + number(value) + "\n";
  }
  std::string text() const { return m_text; }

 private:
  std::string m_run_labels;
  std::string m_text;
};

std::string tag_label(const std::string& tag) {
  return "tag=\"" + label_value(tag) + "\"";
}

}  // namespace

std::string render_report_prometheus(const RunReport& report) {
  Exposition out(report);
  auto per_tag = [&](const std::string& name, const char* type, const std::string& help,
                     const std::function<double(const TagStats&, const TagSummary&)>& value) {
    out.family(name, type, help);
    for (const auto& [tag, stats] : report.tags) {
      out.sample(name, tag_label(tag), value(stats, summarize(stats, report.duration)));
    }
  };
  per_tag("dharma_loadtest_requests_total", "counter", "Requests the run made, by tag.",
          [](const TagStats& stats, const TagSummary&) { return static_cast<double>(stats.requests); });
  per_tag("dharma_loadtest_errors_total", "counter", "Requests that failed, by tag.",
          [](const TagStats& stats, const TagSummary&) { return static_cast<double>(stats.errors); });
  per_tag("dharma_loadtest_throughput_ops_per_second", "gauge",
          "Requests per second over the whole run, by tag.",
          [](const TagStats&, const TagSummary& summary) { return summary.ops_per_second; });

  const std::string latency = "dharma_loadtest_latency_seconds";
  out.family(latency, "summary", "Request latency from the intended start, by tag.");
  for (const auto& [tag, stats] : report.tags) {
    for (std::size_t i = 0; i < k_summary_percentiles.size(); ++i) {
      out.sample(latency, tag_label(tag) + ",quantile=\"" + number(k_summary_percentiles[i] / 100.0) + "\"",
                 static_cast<double>(stats.latency.value_at_percentile(k_summary_percentiles[i])) / 1e6);
    }
    out.sample(latency + "_sum", tag_label(tag),
               stats.latency.mean() * static_cast<double>(stats.latency.count()) / 1e6);
    out.sample(latency + "_count", tag_label(tag), static_cast<double>(stats.latency.count()));
  }

  out.family("dharma_loadtest_duration_seconds", "gauge", "How long the run lasted.");
  out.sample("dharma_loadtest_duration_seconds", "", static_cast<double>(report.duration.count()) / 1000.0);
  if (const auto start = parse_iso8601_utc(report.started_at)) {
    out.family("dharma_loadtest_start_time_seconds", "gauge",
               "When the run started, in seconds since the epoch.");
    out.sample("dharma_loadtest_start_time_seconds", "",
               static_cast<double>(
                   std::chrono::duration_cast<std::chrono::seconds>(start->time_since_epoch()).count()));
  }
  auto counter = [&](const std::string& name, const std::string& help, std::uint64_t value) {
    out.family(name, "counter", help);
    out.sample(name, "", static_cast<double>(value));
  };
  counter("dharma_loadtest_dropped_iterations_total", "Open model: iterations no free VU could start.",
          report.counters.dropped_iterations);
  counter("dharma_loadtest_late_starts_total", "Open model: requests that began after their intended start.",
          report.counters.late_starts);
  counter("dharma_loadtest_cache_hits_total", "Cache lookups that hit.", report.counters.cache_hits);
  counter("dharma_loadtest_cache_misses_total", "Cache lookups that missed.", report.counters.cache_misses);

  std::int64_t cl_waiting = -1;
  std::int64_t sv_active = -1;
  for (const auto& sample : report.server) {
    if (sample.pgbouncer) {
      cl_waiting = std::max(cl_waiting, sample.pgbouncer->cl_waiting);
      sv_active = std::max(sv_active, sample.pgbouncer->sv_active);
    }
  }
  if (cl_waiting >= 0) {
    out.family("dharma_loadtest_pgbouncer_cl_waiting_max", "gauge",
               "Most PgBouncer clients waiting in one sample.");
    out.sample("dharma_loadtest_pgbouncer_cl_waiting_max", "", static_cast<double>(cl_waiting));
    out.family("dharma_loadtest_pgbouncer_sv_active_max", "gauge",
               "Most PgBouncer server connections in use in one sample.");
    out.sample("dharma_loadtest_pgbouncer_sv_active_max", "", static_cast<double>(sv_active));
  }

  if (!report.thresholds.empty()) {
    out.family("dharma_loadtest_threshold_passed", "gauge", "1 when the threshold held, 0 when it failed.");
    for (const auto& threshold : report.thresholds) {
      out.sample("dharma_loadtest_threshold_passed", "threshold=\"" + label_value(threshold.text) + "\"",
                 threshold.passed ? 1 : 0);
    }
    out.family("dharma_loadtest_threshold_observed", "gauge", "The value each threshold was judged on.");
    for (const auto& threshold : report.thresholds) {
      if (threshold.observed) {  // a threshold without data has no sample
        out.sample("dharma_loadtest_threshold_observed", "threshold=\"" + label_value(threshold.text) + "\"",
                   *threshold.observed);
      }
    }
  }
  out.family("dharma_loadtest_aborted", "gauge", "1 when a threshold or an interrupt ended the run early.");
  out.sample("dharma_loadtest_aborted", "", report.aborted ? 1 : 0);
  return out.text();
}

}  // namespace dharma::loadtest
