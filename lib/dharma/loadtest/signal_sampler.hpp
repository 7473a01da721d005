#pragma once
// Server-side signals, sampled once a second on the engine's loop through
// connections of their own:
//   PgBouncer  SHOW POOLS on the admin console: cl_active, cl_waiting,
//              sv_active summed over the pools of the database, maxwait (max);
//              then SHOW STATS of the database: total_xact_count (cumulative)
//              and avg_wait_time (µs its clients spent waiting for a server
//              per second, averaged by PgBouncer over its stats period)
//   Redis      INFO: keyspace hits and misses (per second, and hit rate),
//              connected_clients
//   PostgreSQL pg_stat_database of the database, straight to the server so
//              a full pool cannot delay it: commits and rollbacks per second
// A source that cannot be reached is left out (its fields stay empty) and
// named once in `unavailable()`; the run goes on without it.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dharma/loadtest/event_loop.hpp"
#include "dharma/loadtest/pg_connection.hpp"
#include "dharma/loadtest/redis_connection.hpp"

namespace dharma::loadtest {

struct SignalSample {
  std::int64_t at_ns = 0;  // EventLoop::now_ns() of the sample
  std::optional<std::int64_t> cl_active, cl_waiting, sv_active;
  std::optional<double> maxwait_seconds;
  std::optional<std::int64_t> pgbouncer_xact_total, pgbouncer_avg_wait_us;  // SHOW STATS
  std::optional<std::int64_t> redis_hits, redis_misses;                     // in the second before
  std::optional<std::int64_t> redis_total_hits, redis_total_misses;         // since the server started
  std::optional<double> redis_hit_rate;                                     // of the second before
  std::optional<std::int64_t> redis_clients;
  std::optional<std::int64_t> pg_commits, pg_rollbacks;  // in the second before
  std::optional<std::int64_t> pg_total_commits, pg_total_rollbacks;
};

struct SignalSources {
  std::string pgbouncer_admin_url;  // empty: not sampled
  std::string pgbouncer_database = "dharma";
  std::string redis_url;     // empty: not sampled
  std::string postgres_url;  // direct; empty: not sampled
};

class SignalSampler {
 public:
  SignalSampler(EventLoop& loop, SignalSources sources);
  ~SignalSampler();

  // Connects what it can, then samples every second; `sample` gets each one.
  void start(std::function<void(const SignalSample&)> sample);
  void stop();
  const std::vector<std::string>& unavailable() const { return m_unavailable; }

 private:
  void take();
  void take_stats(const PgResult& result);
  void emit_when_complete();

  EventLoop& m_loop;
  SignalSources m_sources;
  std::unique_ptr<PgConnection> m_bouncer;
  std::unique_ptr<PgConnection> m_postgres;
  std::unique_ptr<RedisConnection> m_redis;
  Timer m_timer;
  std::function<void(const SignalSample&)> m_sample;
  std::vector<std::string> m_unavailable;
  SignalSample m_current;
  int m_pending = 0;
  bool m_stopped = false;
  std::optional<std::int64_t> m_last_hits, m_last_misses, m_last_commits, m_last_rollbacks;
};

}  // namespace dharma::loadtest
