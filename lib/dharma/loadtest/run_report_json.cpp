#include "dharma/loadtest/run_report_json.hpp"

#include <algorithm>

#include "dharma/loadtest/json_fields.hpp"
#include "dharma/loadtest/json_text.hpp"
#include "dharma/loadtest/tag_summary.hpp"
#include "dharma/util/diagnosed_error.hpp"

namespace dharma::loadtest {

namespace jf = json_fields;
using Json = nlohmann::ordered_json;

namespace {

Json summary_json(const TagSummary& summary) {
  Json json;
  json["requests"] = summary.requests;
  json["errors"] = summary.errors;
  json["error_rate"] = summary.error_rate;
  json["ops_per_second"] = summary.ops_per_second;
  json["min_us"] = summary.min_us;
  json["mean_us"] = summary.mean_us;
  for (std::size_t i = 0; i < k_summary_percentiles.size(); ++i) {
    json[std::string(percentile_name(i)) + "_us"] = summary.percentile_us[i];
  }
  json["max_us"] = summary.max_us;
  return json;
}

Json server_json(const ServerSample& sample) {
  Json json;
  json["second"] = sample.unix_second;
  if (sample.pgbouncer) {
    json["pgbouncer"] = {
        {"cl_active", sample.pgbouncer->cl_active},         {"cl_waiting", sample.pgbouncer->cl_waiting},
        {"sv_active", sample.pgbouncer->sv_active},         {"maxwait_us", sample.pgbouncer->maxwait_us},
        {"total_xact_count", sample.pgbouncer->xact_total}, {"avg_wait_us", sample.pgbouncer->avg_wait_us}};
  }
  if (sample.redis) {
    json["redis"] = {{"keyspace_hits", sample.redis->keyspace_hits},
                     {"keyspace_misses", sample.redis->keyspace_misses},
                     {"hit_rate", sample.redis->hit_rate},
                     {"connected_clients", sample.redis->connected_clients}};
  }
  if (sample.postgres) {
    json["postgres"] = {{"xact_commit", sample.postgres->xact_commit},
                        {"xact_rollback", sample.postgres->xact_rollback}};
  }
  return json;
}

// Bounds that keep the arithmetic of merge and the charts far from overflow:
// seconds up to the year 36812, a run up to ten years, a billion VUs.
constexpr std::int64_t k_second_limit = std::int64_t{1} << 40;
constexpr std::int64_t k_duration_limit_ms = std::int64_t{10} * 366 * 24 * 3600 * 1000;
constexpr std::int64_t k_vu_limit = 1'000'000'000;

std::int64_t bounded(const nlohmann::json& json, const std::string& key, const std::string& where,
                     std::int64_t low, std::int64_t high) {
  const std::int64_t value = jf::integer(json, key, where);
  if (value < low || value > high) {
    throw JsonShapeError(jf::child(where, key), "must be from " + std::to_string(low) + " to " +
                                                    std::to_string(high) + ", not " + std::to_string(value));
  }
  return value;
}

std::int64_t unix_second(const nlohmann::json& json, const std::string& where) {
  return bounded(json, "second", where, 0, k_second_limit);
}

// A threshold's "observed": a number, or null when the run had no data for it.
std::optional<double> observed_from_json(const nlohmann::json& threshold, const std::string& where) {
  if (jf::member(threshold, "observed", where).is_null()) {
    return std::nullopt;
  }
  return jf::number(threshold, "observed", where);
}

TagStats tag_from_json(const nlohmann::json& json, const std::string& where) {
  TagStats stats;
  stats.requests = jf::count(json, "requests", where);
  stats.errors = jf::count(json, "errors", where);
  stats.latency =
      LatencyHistogram::from_json(jf::member(json, "latency_us", where), jf::child(where, "latency_us"));
  if (stats.errors > stats.requests) {
    throw JsonShapeError(jf::child(where, "errors"), "more errors than requests");
  }
  if (stats.latency.count() != stats.requests) {
    throw JsonShapeError(jf::child(where, "latency_us"),
                         "the histogram does not hold one sample per request");
  }
  return stats;
}

TimelineSecond second_from_json(const nlohmann::json& json, const std::string& where) {
  TimelineSecond second;
  second.unix_second = unix_second(json, where);
  second.ops = jf::count(json, "ops", where);
  second.errors = jf::count(json, "errors", where);
  second.active_vus = bounded(json, "active_vus", where, 0, k_vu_limit);
  second.cache_hits = jf::count(json, "cache_hits", where);
  second.cache_misses = jf::count(json, "cache_misses", where);
  second.latency =
      LatencyHistogram::from_json(jf::member(json, "latency_us", where), jf::child(where, "latency_us"));
  return second;
}

ServerSample server_from_json(const nlohmann::json& json, const std::string& where) {
  ServerSample sample;
  sample.unix_second = unix_second(json, where);
  if (const auto* pgbouncer = jf::optional_member(json, "pgbouncer", where)) {
    const auto at = jf::child(where, "pgbouncer");
    sample.pgbouncer =
        PgBouncerSample{jf::integer(*pgbouncer, "cl_active", at), jf::integer(*pgbouncer, "cl_waiting", at),
                        jf::integer(*pgbouncer, "sv_active", at), jf::integer(*pgbouncer, "maxwait_us", at)};
    // SHOW STATS' fields came later: reports without them read as 0.
    if (pgbouncer->contains("total_xact_count")) {
      sample.pgbouncer->xact_total = jf::integer(*pgbouncer, "total_xact_count", at);
    }
    if (pgbouncer->contains("avg_wait_us")) {
      sample.pgbouncer->avg_wait_us = jf::integer(*pgbouncer, "avg_wait_us", at);
    }
  }
  if (const auto* redis = jf::optional_member(json, "redis", where)) {
    const auto at = jf::child(where, "redis");
    sample.redis =
        RedisSample{jf::count(*redis, "keyspace_hits", at), jf::count(*redis, "keyspace_misses", at),
                    jf::number(*redis, "hit_rate", at), jf::integer(*redis, "connected_clients", at)};
  }
  if (const auto* postgres = jf::optional_member(json, "postgres", where)) {
    const auto at = jf::child(where, "postgres");
    sample.postgres =
        PostgresSample{jf::count(*postgres, "xact_commit", at), jf::count(*postgres, "xact_rollback", at)};
  }
  return sample;
}

template <typename Entry>
void require_increasing_seconds(const std::vector<Entry>& entries, const std::string& where) {
  for (std::size_t i = 1; i < entries.size(); ++i) {
    if (entries[i].unix_second <= entries[i - 1].unix_second) {
      throw JsonShapeError(jf::child(jf::child(where, i), "second"), "seconds must be in increasing order");
    }
  }
}

std::pair<int, int> line_and_column(const std::string& text, std::size_t byte) {
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < text.size() && i + 1 < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

[[noreturn]] void fail(const util::SourceLocation& where, const std::string& message) {
  util::Diagnostics diagnostics;
  diagnostics.error(where, message);
  throw util::DiagnosedError(std::move(diagnostics), util::ExitCode::invalid_input);
}

}  // namespace

Json report_to_json(const RunReport& report) {
  Json json;
  json["format"] = k_report_format;
  json["scenario"] = report.scenario;
  json["target"] = report.target;
  json["started_at"] = report.started_at;
  json["duration_ms"] = report.duration.count();
  json["aborted"] = report.aborted;
  json["abort_reason"] = report.abort_reason;
  json["counters"] = {{"dropped_iterations", report.counters.dropped_iterations},
                      {"late_starts", report.counters.late_starts},
                      {"cache_hits", report.counters.cache_hits},
                      {"cache_misses", report.counters.cache_misses}};
  auto& thresholds = json["thresholds"] = Json::array();
  for (const auto& threshold : report.thresholds) {
    thresholds.push_back({{"text", threshold.text},
                          {"observed", threshold.observed ? Json(*threshold.observed) : Json(nullptr)},
                          {"passed", threshold.passed},
                          {"aborted_run", threshold.aborted_run}});
  }
  auto& tags = json["tags"] = Json::object();
  for (const auto& [name, stats] : report.tags) {
    tags[name] = {{"requests", stats.requests},
                  {"errors", stats.errors},
                  {"summary", summary_json(summarize(stats, report.duration))},
                  {"latency_us", stats.latency.to_json()}};
  }
  auto& timeline = json["timeline"] = Json::array();
  for (const auto& second : report.timeline) {
    timeline.push_back({{"second", second.unix_second},
                        {"ops", second.ops},
                        {"errors", second.errors},
                        {"active_vus", second.active_vus},
                        {"cache_hits", second.cache_hits},
                        {"cache_misses", second.cache_misses},
                        {"latency_us", second.latency.to_json()}});
  }
  auto& server = json["server"] = Json::array();
  for (const auto& sample : report.server) {
    server.push_back(server_json(sample));
  }
  return json;
}

std::string report_to_json_text(const RunReport& report) {
  return pretty_json(report_to_json(report));
}

RunReport report_from_json(const nlohmann::json& json) {
  const std::string root;
  const auto& format = jf::member(json, "format", root);
  if (!format.is_string() || format.get<std::string>() != k_report_format) {
    throw JsonShapeError(
        "/format", std::string("expected \"format\": \"") + k_report_format + "\", found " + format.dump());
  }
  RunReport report;
  report.scenario = jf::text(json, "scenario", root);
  report.target = jf::text(json, "target", root);
  report.started_at = jf::text(json, "started_at", root);
  if (!parse_iso8601_utc(report.started_at)) {
    throw JsonShapeError("/started_at", "expected a UTC time such as 2026-12-02T05:40:00Z");
  }
  const std::int64_t duration_ms = bounded(json, "duration_ms", root, 0, k_duration_limit_ms);
  report.duration = std::chrono::milliseconds(duration_ms);
  report.aborted = jf::boolean(json, "aborted", root);
  report.abort_reason = jf::text(json, "abort_reason", root);

  const auto& counters = jf::member(json, "counters", root);
  report.counters.dropped_iterations = jf::count(counters, "dropped_iterations", "/counters");
  report.counters.late_starts = jf::count(counters, "late_starts", "/counters");
  report.counters.cache_hits = jf::count(counters, "cache_hits", "/counters");
  report.counters.cache_misses = jf::count(counters, "cache_misses", "/counters");

  const auto& thresholds = jf::array(jf::member(json, "thresholds", root), "/thresholds");
  for (std::size_t i = 0; i < thresholds.size(); ++i) {
    const auto at = jf::child("/thresholds", i);
    report.thresholds.push_back({jf::text(thresholds[i], "text", at), observed_from_json(thresholds[i], at),
                                 jf::boolean(thresholds[i], "passed", at),
                                 jf::boolean(thresholds[i], "aborted_run", at)});
  }
  const auto& tags = jf::member(json, "tags", root);
  if (!tags.is_object()) {
    throw JsonShapeError("/tags", "expected an object of tag names");
  }
  for (const auto& [name, stats] : tags.items()) {
    report.tags[name] = tag_from_json(stats, jf::child("/tags", name));
  }
  const auto& timeline = jf::array(jf::member(json, "timeline", root), "/timeline");
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    report.timeline.push_back(second_from_json(timeline[i], jf::child("/timeline", i)));
  }
  require_increasing_seconds(report.timeline, "/timeline");
  const auto& server = jf::array(jf::member(json, "server", root), "/server");
  for (std::size_t i = 0; i < server.size(); ++i) {
    report.server.push_back(server_from_json(server[i], jf::child("/server", i)));
  }
  require_increasing_seconds(report.server, "/server");
  return report;
}

RunReport report_from_json_text(const std::string& text, const std::string& file_name) {
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    const auto [line, column] = line_and_column(text, error.byte);
    std::string message = error.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error …" → from "syntax
    // error".
    if (const auto colon = message.find(": "); colon != std::string::npos) {
      message = message.substr(colon + 2);
    }
    fail({file_name, line, column}, "not a load-test report: invalid JSON: " + message);
  }
  try {
    return report_from_json(json);
  } catch (const JsonShapeError& error) {
    fail({file_name, 0, 0}, "not a load-test report (" + std::string(k_report_format) + "): at " +
                                error.pointer() + ": " + error.what());
  }
}

}  // namespace dharma::loadtest
