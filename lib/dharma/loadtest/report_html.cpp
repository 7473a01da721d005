// The page is built from the RunReport alone, so a merged or stored run
// renders the same way as a fresh one. Timelines are drawn against seconds
// since the run's start (the first timeline second when the start is
// unreadable); the histogram chart groups the fine buckets into powers of
// two, which is as much resolution as a bar chart can show. Figures in the
// tables are spelled as in the text summary (figure_text.hpp).

#include "dharma/loadtest/report_html.hpp"

#include <algorithm>
#include <bit>

#include "dharma/loadtest/figure_text.hpp"
#include "dharma/loadtest/svg_chart.hpp"
#include "dharma/loadtest/tag_summary.hpp"
#include "dharma/util/number_text.hpp"
#include "dharma/util/text.hpp"

namespace dharma::loadtest {

namespace {

const char* k_style = R"(body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2433;max-width:1100px}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;max-width:100%}
th,td{padding:.25rem .6rem;border-bottom:1px solid #dde;vertical-align:top}
th{text-align:left;background:#f3f4f8}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.name{overflow-wrap:anywhere}.fail{color:#b00020;font-weight:600}.pass{color:#1b7a3a}
svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#1d2433}.note{color:#666;font-size:.9rem}
@media (max-width:1000px){body{margin:1rem}table{font-size:.8rem}th,td{padding:.2rem .3rem}})";

std::string cell(const std::string& text) {
  return "<td class=\"n\">" + util::html_escape(text) + "</td>";
}

std::string latency_ms_text(double ms) {
  return latency_text(ms * 1000);
}
std::string plain_text(double value) {
  return util::fixed_text(value, value < 10 ? 1 : 0);
}
std::string percent_axis_text(double value) {
  return util::fixed_text(value, 0) + " %";
}

std::int64_t start_second(const RunReport& report) {
  if (const auto start = parse_iso8601_utc(report.started_at)) {
    return std::chrono::duration_cast<std::chrono::seconds>(start->time_since_epoch()).count();
  }
  return report.timeline.empty() ? 0 : report.timeline.front().unix_second;
}

std::string summary_table(const RunReport& report) {
  std::string out =
      "<table id=\"summary\"><tr><th>tag</th><th>requests</th><th>errors</th><th>error rate</th>"
      "<th>ops/s</th><th>mean</th>";
  for (std::size_t i = 0; i < k_summary_percentiles.size(); ++i) {
    out += std::string("<th>") + percentile_name(i) + "</th>";
  }
  out += "<th>max</th></tr>";
  for (const auto& [tag, stats] : report.tags) {
    const auto summary = summarize(stats, report.duration);
    out += "<tr data-tag=\"" + util::html_escape(tag) + "\"><td class=\"name\">" + util::html_escape(tag) +
           "</td>" + cell(std::to_string(summary.requests)) + cell(std::to_string(summary.errors)) +
           cell(percent_text(summary.error_rate)) + cell(rate_text(summary.ops_per_second)) +
           cell(latency_text(summary.mean_us));
    for (auto value : summary.percentile_us) {
      out += cell(latency_text(static_cast<double>(value)));
    }
    out += cell(latency_text(static_cast<double>(summary.max_us))) + "</tr>";
  }
  return out + "</table>";
}

std::string counters_table(const RunReport& report) {
  const auto& counters = report.counters;
  const auto lookups = counters.cache_hits + counters.cache_misses;
  const std::string hit_rate =
      lookups == 0 ? "no lookups"
                   : percent_text(static_cast<double>(counters.cache_hits) / static_cast<double>(lookups));
  return "<table id=\"counters\"><tr><th>dropped iterations</th>" +
         cell(std::to_string(counters.dropped_iterations)) + "</tr><tr><th>late starts</th>" +
         cell(std::to_string(counters.late_starts)) + "</tr><tr><th>cache hits</th>" +
         cell(std::to_string(counters.cache_hits)) + "</tr><tr><th>cache misses</th>" +
         cell(std::to_string(counters.cache_misses)) + "</tr><tr><th>cache hit rate</th>" + cell(hit_rate) +
         "</tr></table>";
}

std::string thresholds_table(const RunReport& report) {
  if (report.thresholds.empty()) {
    return "<p class=\"note\" id=\"thresholds\">No thresholds were set for this run.</p>";
  }
  std::string out = "<table id=\"thresholds\"><tr><th>threshold</th><th>observed</th><th>result</th></tr>";
  for (const auto& threshold : report.thresholds) {
    const std::string result =
        threshold.passed ? "passed" : (threshold.aborted_run ? "failed (aborted the run)" : "failed");
    out += std::string("<tr data-passed=\"") + (threshold.passed ? "true" : "false") +
           "\"><td class=\"name\">" + util::html_escape(threshold.text) + "</td>" +
           cell(observed_text(threshold, 3)) + "<td class=\"" + (threshold.passed ? "pass" : "fail") + "\">" +
           result + "</td></tr>";
  }
  return out + "</table>";
}

std::string timeline_charts(const RunReport& report) {
  const auto start = start_second(report);
  std::vector<double> x;
  ChartSeries ops{"ops/s", "#3b6ea8", {}}, errors{"errors/s", "#b00020", {}},
      vus{"active VUs", "#6a4c93", {}};
  ChartSeries p50{"p50", "#1b7a3a", {}}, p95{"p95", "#e07a10", {}}, p99{"p99", "#b00020", {}};
  for (const auto& second : report.timeline) {
    x.push_back(static_cast<double>(second.unix_second - start));
    ops.values.push_back(static_cast<double>(second.ops));
    errors.values.push_back(static_cast<double>(second.errors));
    vus.values.push_back(static_cast<double>(second.active_vus));
    p50.values.push_back(static_cast<double>(second.latency.value_at_percentile(50)) / 1000);
    p95.values.push_back(static_cast<double>(second.latency.value_at_percentile(95)) / 1000);
    p99.values.push_back(static_cast<double>(second.latency.value_at_percentile(99)) / 1000);
  }
  return "<h2>Throughput</h2>" +
         line_chart("throughput", "requests and errors per second", x, {ops, errors}, plain_text) +
         "<h2>Latency over time</h2>" +
         line_chart("latency", "p50, p95 and p99 latency per second", x, {p50, p95, p99}, latency_ms_text) +
         "<h2>Virtual users</h2>" + line_chart("vus", "active virtual users", x, {vus}, plain_text);
}

std::string histogram_chart(const RunReport& report) {
  const auto all = report.tags.find(k_all_tag);
  if (all == report.tags.end() || all->second.latency.count() == 0) {
    return "<p class=\"note\">No requests were made.</p>";
  }
  // One bar per power of two: [2^k, 2^(k+1)) µs, 0 µs counted with 1 µs.
  std::vector<double> counts;
  int first = -1;
  for (const auto& [lower, count] : all->second.latency.used_buckets()) {
    const int group = std::max(0, static_cast<int>(std::bit_width(static_cast<std::uint64_t>(lower))) - 1);
    if (first < 0) {
      first = group;
    }
    counts.resize(static_cast<std::size_t>(group - first + 1), 0);
    counts[static_cast<std::size_t>(group - first)] += static_cast<double>(count);
  }
  std::vector<ChartBar> bars;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const auto lower = std::int64_t{1} << (static_cast<std::size_t>(first) + i);
    bars.push_back({"< " + latency_text(static_cast<double>(lower * 2)), counts[i]});
  }
  return "<h2>Latency histogram</h2>" + bar_chart("histogram", "requests by latency (all tags)", bars);
}

std::string server_charts(const RunReport& report) {
  const auto start = start_second(report);
  std::vector<double> pool_x, redis_x, postgres_x;
  ChartSeries cl_active{"cl_active", "#3b6ea8", {}}, cl_waiting{"cl_waiting", "#b00020", {}},
      sv_active{"sv_active", "#1b7a3a", {}}, hit_rate{"hit rate", "#e07a10", {}},
      commits{"commits/s", "#6a4c93", {}}, rollbacks{"rollbacks/s", "#b00020", {}};
  std::optional<PostgresSample> previous;
  for (const auto& sample : report.server) {
    const auto x = static_cast<double>(sample.unix_second - start);
    if (sample.pgbouncer) {
      pool_x.push_back(x);
      cl_active.values.push_back(static_cast<double>(sample.pgbouncer->cl_active));
      cl_waiting.values.push_back(static_cast<double>(sample.pgbouncer->cl_waiting));
      sv_active.values.push_back(static_cast<double>(sample.pgbouncer->sv_active));
    }
    if (sample.redis) {
      redis_x.push_back(x);
      hit_rate.values.push_back(sample.redis->hit_rate * 100);
    }
    if (sample.postgres) {
      if (previous) {
        postgres_x.push_back(x);
        commits.values.push_back(static_cast<double>(
            sample.postgres->xact_commit - std::min(sample.postgres->xact_commit, previous->xact_commit)));
        rollbacks.values.push_back(
            static_cast<double>(sample.postgres->xact_rollback -
                                std::min(sample.postgres->xact_rollback, previous->xact_rollback)));
      }
      previous = sample.postgres;
    }
  }
  std::string out = "<h2>Server signals</h2>";
  if (pool_x.empty() && redis_x.empty() && postgres_x.empty()) {
    return out + "<p class=\"note\">No server signals were sampled.</p>";
  }
  if (!pool_x.empty()) {
    out += line_chart("pgbouncer", "PgBouncer clients and server connections", pool_x,
                      {cl_active, cl_waiting, sv_active}, plain_text);
  }
  if (!redis_x.empty()) {
    out += line_chart("redis", "Redis keyspace hit rate", redis_x, {hit_rate}, percent_axis_text);
  }
  if (!postgres_x.empty()) {
    out += line_chart("postgres", "PostgreSQL transactions per second", postgres_x, {commits, rollbacks},
                      plain_text);
  }
  return out;
}

}  // namespace

std::string render_report_html(const RunReport& report) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>Load test: " +
      util::html_escape(report.scenario) + "</title><style>" + k_style + "</style></head><body>";
  out += "<h1>Load test: " + util::html_escape(report.scenario) + "</h1>";
  out += "<p id=\"run\">against <b>" + util::html_escape(report.target) + "</b>, started " +
         util::html_escape(report.started_at) + ", lasted " +
         util::fixed_text(static_cast<double>(report.duration.count()) / 1000.0, 1) + " s</p>";
  if (report.aborted) {
    out += "<p class=\"fail\" id=\"aborted\">Aborted: " + util::html_escape(report.abort_reason) + "</p>";
  }
  out += "<h2>Summary</h2>" + summary_table(report) + counters_table(report);
  out += "<h2>Thresholds</h2>" + thresholds_table(report);
  out += timeline_charts(report) + histogram_chart(report) + server_charts(report);
  return out + "</body></html>\n";
}

}  // namespace dharma::loadtest
