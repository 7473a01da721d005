#include "dharma/loadtest/signal_sampler.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace dharma::loadtest {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds k_interval{1000};
constexpr milliseconds k_connect_timeout{2000};

std::optional<std::int64_t> info_field(const std::string& info, const std::string& name) {
  std::istringstream lines(info);
  std::string line;
  const std::string prefix = name + ":";
  while (std::getline(lines, line)) {
    if (line.rfind(prefix, 0) == 0) {
      return std::strtoll(line.c_str() + prefix.size(), nullptr, 10);
    }
  }
  return std::nullopt;
}

std::int64_t as_integer(const PgResult& result, int row, const char* column) {
  const int index = result.column(column);
  return index < 0 ? 0 : std::strtoll(result.value(row, index).c_str(), nullptr, 10);
}

}  // namespace

SignalSampler::SignalSampler(EventLoop& loop, SignalSources sources)
    : m_loop(loop), m_sources(std::move(sources)), m_timer(loop) {}

SignalSampler::~SignalSampler() {
  stop();
}

void SignalSampler::start(std::function<void(const SignalSample&)> sample) {
  m_sample = std::move(sample);
  auto disable = [this](const std::string& name, const std::string& error) {
    m_unavailable.push_back(name + " (" + error + ")");
  };
  if (!m_sources.pgbouncer_admin_url.empty()) {
    m_bouncer = std::make_unique<PgConnection>(m_loop, m_sources.pgbouncer_admin_url);
    m_bouncer->connect(k_connect_timeout, [disable](const std::string& error) {
      if (!error.empty()) {
        disable("PgBouncer SHOW POOLS", error);
      }
    });
  }
  if (!m_sources.postgres_url.empty()) {
    m_postgres = std::make_unique<PgConnection>(m_loop, m_sources.postgres_url);
    m_postgres->connect(k_connect_timeout, [disable](const std::string& error) {
      if (!error.empty()) {
        disable("PostgreSQL pg_stat_database", error);
      }
    });
  }
  if (!m_sources.redis_url.empty()) {
    m_redis = std::make_unique<RedisConnection>(m_loop, m_sources.redis_url);
    m_redis->connect([disable](const std::string& error) {
      if (!error.empty()) {
        disable("Redis INFO", error);
      }
    });
  }
  m_timer.start(
      k_interval, [this] { take(); }, k_interval);
}

void SignalSampler::stop() {
  if (m_stopped) {
    return;
  }
  m_stopped = true;
  m_timer.stop();
  m_sample = nullptr;
  m_bouncer.reset();
  m_postgres.reset();
  m_redis.reset();
}

void SignalSampler::take() {
  if (m_pending > 0) {
    return;  // the last sample is still being answered (a stalled server): skip this second
  }
  m_current = SignalSample{};
  m_current.at_ns = EventLoop::now_ns();
  if (m_bouncer && m_bouncer->connected() && !m_bouncer->busy()) {
    ++m_pending;
    m_bouncer->query("SHOW POOLS", {}, [this](const PgResult& result) {
      if (result.ok()) {
        std::int64_t active = 0;
        std::int64_t waiting = 0;
        std::int64_t server_active = 0;
        double maxwait = 0;
        const int database = result.column("database");
        for (int row = 0; row < result.rows(); ++row) {
          if (database >= 0 && result.value(row, database) != m_sources.pgbouncer_database) {
            continue;
          }
          active += as_integer(result, row, "cl_active");
          waiting += as_integer(result, row, "cl_waiting");
          server_active += as_integer(result, row, "sv_active");
          const double wait = static_cast<double>(as_integer(result, row, "maxwait")) +
                              static_cast<double>(as_integer(result, row, "maxwait_us")) / 1e6;
          maxwait = std::max(maxwait, wait);
        }
        m_current.cl_active = active;
        m_current.cl_waiting = waiting;
        m_current.sv_active = server_active;
        m_current.maxwait_seconds = maxwait;
        if (m_bouncer && m_bouncer->connected() && !m_bouncer->busy()) {
          ++m_pending;
          m_bouncer->query("SHOW STATS", {}, [this](const PgResult& stats) { take_stats(stats); });
        }
      }
      --m_pending;
      emit_when_complete();
    });
  }
  if (m_postgres && m_postgres->connected() && !m_postgres->busy()) {
    ++m_pending;
    m_postgres->query(
        "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()", {},
        [this](const PgResult& result) {
          if (result.ok() && result.rows() == 1) {
            const auto commits = as_integer(result, 0, "xact_commit");
            const auto rollbacks = as_integer(result, 0, "xact_rollback");
            m_current.pg_total_commits = commits;
            m_current.pg_total_rollbacks = rollbacks;
            if (m_last_commits) {
              m_current.pg_commits = commits - *m_last_commits;
              m_current.pg_rollbacks = rollbacks - *m_last_rollbacks;
            }
            m_last_commits = commits;
            m_last_rollbacks = rollbacks;
          }
          --m_pending;
          emit_when_complete();
        });
  }
  if (m_redis && m_redis->connected()) {
    ++m_pending;
    m_redis->command({"INFO"}, [this](const RedisReply& reply) {
      if (reply.ok && reply.text) {
        const auto hits = info_field(*reply.text, "keyspace_hits");
        const auto misses = info_field(*reply.text, "keyspace_misses");
        m_current.redis_clients = info_field(*reply.text, "connected_clients");
        m_current.redis_total_hits = hits;
        m_current.redis_total_misses = misses;
        if (hits && misses && m_last_hits) {
          m_current.redis_hits = *hits - *m_last_hits;
          m_current.redis_misses = *misses - *m_last_misses;
          const auto total = *m_current.redis_hits + *m_current.redis_misses;
          if (total > 0) {
            m_current.redis_hit_rate =
                static_cast<double>(*m_current.redis_hits) / static_cast<double>(total);
          }
        }
        m_last_hits = hits;
        m_last_misses = misses;
      }
      --m_pending;
      emit_when_complete();
    });
  }
  emit_when_complete();
}

void SignalSampler::take_stats(const PgResult& result) {
  if (result.ok()) {
    const int database = result.column("database");
    for (int row = 0; row < result.rows(); ++row) {
      if (database >= 0 && result.value(row, database) == m_sources.pgbouncer_database) {
        m_current.pgbouncer_xact_total = as_integer(result, row, "total_xact_count");
        m_current.pgbouncer_avg_wait_us = as_integer(result, row, "avg_wait_time");
      }
    }
  }
  --m_pending;
  emit_when_complete();
}

void SignalSampler::emit_when_complete() {
  if (m_pending == 0 && m_sample && m_current.at_ns != 0) {
    auto sample = m_current;
    m_current.at_ns = 0;
    m_sample(sample);
  }
}

}  // namespace dharma::loadtest
