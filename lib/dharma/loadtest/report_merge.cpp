#include "dharma/loadtest/report_merge.hpp"

#include <algorithm>
#include <set>

#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::loadtest {

namespace {

using Clock = std::chrono::system_clock;

Clock::time_point start_of(const RunReport& report) {
  const auto start = parse_iso8601_utc(report.started_at);
  if (!start) {
    throw util::Error("cannot merge a run whose start time '" + report.started_at + "' is not UTC ISO-8601");
  }
  return *start;
}

// The distinct values in first-seen order, joined by `separator`.
template <typename Get>
std::string distinct_joined(const std::vector<RunReport>& reports, Get get, const std::string& separator) {
  std::vector<std::string> seen;
  for (const auto& report : reports) {
    const std::string& value = get(report);
    if (std::find(seen.begin(), seen.end(), value) == seen.end()) {
      seen.push_back(value);
    }
  }
  return util::join(seen, separator);
}

template <typename Sample>
void keep_largest(std::optional<Sample>& into, const std::optional<Sample>& from);

template <>
void keep_largest(std::optional<PgBouncerSample>& into, const std::optional<PgBouncerSample>& from) {
  if (!from) {
    return;
  }
  if (!into) {
    into = from;
    return;
  }
  into->cl_active = std::max(into->cl_active, from->cl_active);
  into->cl_waiting = std::max(into->cl_waiting, from->cl_waiting);
  into->sv_active = std::max(into->sv_active, from->sv_active);
  into->maxwait_us = std::max(into->maxwait_us, from->maxwait_us);
  into->xact_total = std::max(into->xact_total, from->xact_total);
  into->avg_wait_us = std::max(into->avg_wait_us, from->avg_wait_us);
}

template <>
void keep_largest(std::optional<RedisSample>& into, const std::optional<RedisSample>& from) {
  if (!from) {
    return;
  }
  if (!into) {
    into = from;
    return;
  }
  into->keyspace_hits = std::max(into->keyspace_hits, from->keyspace_hits);
  into->keyspace_misses = std::max(into->keyspace_misses, from->keyspace_misses);
  into->hit_rate = std::max(into->hit_rate, from->hit_rate);
  into->connected_clients = std::max(into->connected_clients, from->connected_clients);
}

template <>
void keep_largest(std::optional<PostgresSample>& into, const std::optional<PostgresSample>& from) {
  if (!from) {
    return;
  }
  if (!into) {
    into = from;
    return;
  }
  into->xact_commit = std::max(into->xact_commit, from->xact_commit);
  into->xact_rollback = std::max(into->xact_rollback, from->xact_rollback);
}

}  // namespace

RunReport merge_reports(const std::vector<RunReport>& reports) {
  if (reports.empty()) {
    throw util::Error("merge needs at least one report");
  }
  RunReport merged;
  merged.scenario = distinct_joined(
      reports, [](const RunReport& r) -> const std::string& { return r.scenario; }, "+");
  merged.target = distinct_joined(
      reports, [](const RunReport& r) -> const std::string& { return r.target; }, ", ");

  auto first_start = start_of(reports.front());
  auto last_end = first_start + reports.front().duration;
  std::map<std::int64_t, TimelineSecond> timeline;
  std::map<std::int64_t, ServerSample> server;
  std::vector<std::string> abort_reasons;
  for (const auto& report : reports) {
    const auto start = start_of(report);
    first_start = std::min(first_start, start);
    last_end = std::max(last_end, start + report.duration);
    for (const auto& [name, stats] : report.tags) {
      auto& into = merged.tags[name];
      into.latency.merge(stats.latency);
      into.requests += stats.requests;
      into.errors += stats.errors;
    }
    for (const auto& second : report.timeline) {
      auto& into = timeline[second.unix_second];
      into.unix_second = second.unix_second;
      into.latency.merge(second.latency);
      into.ops += second.ops;
      into.errors += second.errors;
      into.active_vus += second.active_vus;
      into.cache_hits += second.cache_hits;
      into.cache_misses += second.cache_misses;
    }
    for (const auto& sample : report.server) {
      auto& into = server[sample.unix_second];
      into.unix_second = sample.unix_second;
      keep_largest(into.pgbouncer, sample.pgbouncer);
      keep_largest(into.redis, sample.redis);
      keep_largest(into.postgres, sample.postgres);
    }
    merged.counters.dropped_iterations += report.counters.dropped_iterations;
    merged.counters.late_starts += report.counters.late_starts;
    merged.counters.cache_hits += report.counters.cache_hits;
    merged.counters.cache_misses += report.counters.cache_misses;
    if (report.aborted) {
      merged.aborted = true;
      if (std::find(abort_reasons.begin(), abort_reasons.end(), report.abort_reason) == abort_reasons.end()) {
        abort_reasons.push_back(report.abort_reason);
      }
    }
  }
  merged.started_at = iso8601_utc(first_start);
  merged.duration = std::chrono::duration_cast<std::chrono::milliseconds>(last_end - first_start);
  for (auto& [second, entry] : timeline) {
    merged.timeline.push_back(std::move(entry));
  }
  for (auto& [second, sample] : server) {
    merged.server.push_back(std::move(sample));
  }
  merged.abort_reason = util::join(abort_reasons, "; ");
  return merged;
}

}  // namespace dharma::loadtest
