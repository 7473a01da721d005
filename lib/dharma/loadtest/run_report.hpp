#pragma once
// The model of one load-test run: what the engine measured, what the servers
// said each second, and how the thresholds were judged. Every output (text
// summary, JSON, HTML, Prometheus, stored runs, merge, --compare) is made
// from a RunReport, and a RunReport read back from its JSON is exactly the
// one written (histograms included), which is what makes `loadtest merge`
// exact.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dharma/loadtest/histogram.hpp"

namespace dharma::loadtest {

// The tag set every request counts in, besides its own "kind:pull", "k:v"…
inline constexpr const char* k_all_tag = "all";

// Requests that carried one tag ("all", "kind:pull", a user tag "region:eu").
struct TagStats {
  LatencyHistogram latency;  // µs, from the intended start in the open model
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;

  bool operator==(const TagStats&) const = default;
};

// One wall-clock second of the run.
struct TimelineSecond {
  std::int64_t unix_second = 0;  // seconds since 1970-01-01T00:00:00Z
  LatencyHistogram latency;
  std::uint64_t ops = 0;
  std::uint64_t errors = 0;
  std::int64_t active_vus = 0;
  std::uint64_t cache_hits = 0;
  std::uint64_t cache_misses = 0;

  bool operator==(const TimelineSecond&) const = default;
};

// PgBouncer SHOW POOLS / SHOW STATS for the pool the run uses.
struct PgBouncerSample {
  std::int64_t cl_active = 0;
  std::int64_t cl_waiting = 0;
  std::int64_t sv_active = 0;
  std::int64_t maxwait_us = 0;
  std::int64_t xact_total = 0;   // SHOW STATS total_xact_count (cumulative)
  std::int64_t avg_wait_us = 0;  // SHOW STATS avg_wait_time

  bool operator==(const PgBouncerSample&) const = default;
};

// Redis INFO: cumulative keyspace counters, the hit rate over the last
// second (hits / (hits + misses) of that second's increase, 0 without
// lookups) and the connected clients.
struct RedisSample {
  std::uint64_t keyspace_hits = 0;
  std::uint64_t keyspace_misses = 0;
  double hit_rate = 0;
  std::int64_t connected_clients = 0;

  bool operator==(const RedisSample&) const = default;
};

// pg_stat_database for dharma's database: cumulative counters.
struct PostgresSample {
  std::uint64_t xact_commit = 0;
  std::uint64_t xact_rollback = 0;

  bool operator==(const PostgresSample&) const = default;
};

// What the sampler read in one second; a server it could not read is absent.
struct ServerSample {
  std::int64_t unix_second = 0;
  std::optional<PgBouncerSample> pgbouncer;
  std::optional<RedisSample> redis;
  std::optional<PostgresSample> postgres;

  bool operator==(const ServerSample&) const = default;
};

struct RunCounters {
  std::uint64_t dropped_iterations = 0;  // open model: no free VU at the intended start
  std::uint64_t late_starts = 0;         // open model: began after the intended start
  std::uint64_t cache_hits = 0;
  std::uint64_t cache_misses = 0;

  bool operator==(const RunCounters&) const = default;
};

// A threshold as the engine judged it at the end (or when it aborted the run).
struct ThresholdResult {
  std::string text;  // as written: "p(95) < 10ms", "latency{kind:pull} p(99) < 50ms"
  // In the threshold's unit: ms for latency, a fraction for rates, a count
  // otherwise; nothing when the run has no data for it (such a threshold fails).
  std::optional<double> observed;
  bool passed = true;
  bool aborted_run = false;  // abort_on_fail, and this threshold ended the run

  bool operator==(const ThresholdResult&) const = default;
};

struct RunReport {
  std::string scenario;    // "baseline", or the scenario file's name
  std::string target;      // "store" or the HTTP base URL (never with a password)
  std::string started_at;  // UTC ISO-8601, "2026-12-02T05:40:00Z"
  std::chrono::milliseconds duration{0};
  std::map<std::string, TagStats> tags;  // always holds k_all_tag once a request ran
  std::vector<TimelineSecond> timeline;  // ordered by unix_second, one entry per second
  std::vector<ServerSample> server;      // ordered by unix_second
  RunCounters counters;
  std::vector<ThresholdResult> thresholds;
  bool aborted = false;
  std::string abort_reason;

  bool operator==(const RunReport&) const = default;
};

// `time` as UTC ISO-8601 with whole seconds: "2026-12-02T05:40:00Z".
// A threshold's observed value with `decimals` decimals, or "no data".
std::string observed_text(const ThresholdResult& threshold, int decimals);

std::string iso8601_utc(std::chrono::system_clock::time_point time);
// Reads what iso8601_utc writes (fractions of a second allowed, 'Z' required, years 1970 to 2200);
// nullopt otherwise.
std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(const std::string& text);

// Counts one request under every tag of `tags` and under k_all_tag.
void count_request(RunReport& report, const std::vector<std::string>& tags, std::int64_t latency_us,
                   bool error);

}  // namespace dharma::loadtest
