#include "dharma/loadtest/recorder.hpp"

#include <algorithm>

namespace dharma::loadtest {
namespace {

constexpr std::size_t k_kept_errors = 5;

}  // namespace

Recorder::Recorder(RunReport& report, const Scenario& scenario) : m_report(report), m_scenario(scenario) {
  for (const auto& [key, value] : scenario.tags) {
    m_scenario_tags.push_back(key + ":" + value);
  }
  for (const auto& request : scenario.requests) {
    std::vector<std::string> tags{"kind:" + request.name};
    tags.insert(tags.end(), m_scenario_tags.begin(), m_scenario_tags.end());
    for (const auto& [key, value] : request.tags) {
      tags.push_back(key + ":" + value);
    }
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    m_tags_by_request.push_back(std::move(tags));
  }
}

void Recorder::begin(std::int64_t start_ns, std::chrono::system_clock::time_point start) {
  m_start_ns = start_ns;
  m_start_unix_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(start.time_since_epoch()).count();
}

std::int64_t Recorder::unix_second(std::int64_t ns) const {
  const std::int64_t unix_ns = m_start_unix_ns + (ns - m_start_ns);
  return unix_ns / 1'000'000'000;
}

TimelineSecond& Recorder::second(std::int64_t unix_second) {
  auto& timeline = m_report.timeline;
  if (timeline.empty()) {
    timeline.push_back(TimelineSecond{});
    timeline.back().unix_second = unix_second;
    return timeline.back();
  }
  // Seconds are added in order; a late sample of an earlier second finds its entry.
  while (timeline.back().unix_second < unix_second) {
    TimelineSecond next;
    next.unix_second = timeline.back().unix_second + 1;
    next.active_vus = timeline.back().active_vus;
    timeline.push_back(std::move(next));
  }
  const std::int64_t offset = unix_second - timeline.front().unix_second;
  if (offset < 0) {
    return timeline.front();
  }
  return timeline[static_cast<std::size_t>(offset)];
}

void Recorder::request_finished(const Sample& sample) {
  const std::int64_t latency_us = (sample.finished_ns - sample.intended_ns) / 1000;
  const auto index = static_cast<std::size_t>(sample.request - m_scenario.requests.data());
  count_request(m_report, m_tags_by_request[index], latency_us, !sample.ok);
  auto& entry = second(unix_second(sample.finished_ns));
  entry.latency.record(latency_us);
  ++entry.ops;
  if (!sample.ok) {
    ++entry.errors;
  }
  if (sample.cache == CacheUse::hit) {
    ++entry.cache_hits;
    ++m_report.counters.cache_hits;
  } else if (sample.cache == CacheUse::miss) {
    ++entry.cache_misses;
    ++m_report.counters.cache_misses;
  }
}

void Recorder::iteration_dropped(std::int64_t) {
  ++m_report.counters.dropped_iterations;
}

void Recorder::late_start(std::int64_t, std::int64_t) {
  ++m_report.counters.late_starts;
}

void Recorder::request_error(const RequestSpec& request, const std::string& message) {
  if (m_first_errors.size() < k_kept_errors) {
    m_first_errors.push_back(request.name + ": " + message);
  }
}

void Recorder::active_vus(std::int64_t now_ns, int vus) {
  second(unix_second(now_ns)).active_vus = vus;
}

void Recorder::server_sample(const SignalSample& sample) {
  ServerSample entry;
  entry.unix_second = unix_second(sample.at_ns);
  if (sample.cl_active) {
    entry.pgbouncer = PgBouncerSample{*sample.cl_active,
                                      sample.cl_waiting.value_or(0),
                                      sample.sv_active.value_or(0),
                                      static_cast<std::int64_t>(sample.maxwait_seconds.value_or(0) * 1e6),
                                      sample.pgbouncer_xact_total.value_or(0),
                                      sample.pgbouncer_avg_wait_us.value_or(0)};
  }
  if (sample.redis_total_hits) {
    entry.redis = RedisSample{static_cast<std::uint64_t>(*sample.redis_total_hits),
                              static_cast<std::uint64_t>(sample.redis_total_misses.value_or(0)),
                              sample.redis_hit_rate.value_or(0), sample.redis_clients.value_or(0)};
  }
  if (sample.pg_total_commits) {
    entry.postgres = PostgresSample{static_cast<std::uint64_t>(*sample.pg_total_commits),
                                    static_cast<std::uint64_t>(sample.pg_total_rollbacks.value_or(0))};
  }
  if (!m_report.server.empty() && m_report.server.back().unix_second >= entry.unix_second) {
    entry.unix_second = m_report.server.back().unix_second + 1;
  }
  m_report.server.push_back(entry);
}

}  // namespace dharma::loadtest
