#include "dharma/loadtest/threshold_judge.hpp"

#include <algorithm>
#include <vector>

namespace dharma::loadtest {
namespace {

std::optional<double> aggregate(const std::vector<double>& values, Aggregation aggregation) {
  if (values.empty()) {
    return std::nullopt;
  }
  switch (aggregation) {
    case Aggregation::min:
      return *std::min_element(values.begin(), values.end());
    case Aggregation::max:
      return *std::max_element(values.begin(), values.end());
    case Aggregation::last:
      return values.back();
    case Aggregation::avg:
    case Aggregation::percentile: {
      double total = 0;
      for (const double value : values) {
        total += value;
      }
      return total / static_cast<double>(values.size());
    }
  }
  return std::nullopt;
}

std::vector<double> signal_values(const std::string& name, const RunReport& report) {
  std::vector<double> values;
  const ServerSample* previous = nullptr;
  for (const auto& sample : report.server) {
    if (name == "pgbouncer.xacts" && sample.pgbouncer) {
      // Per second: the increase of SHOW STATS' total_xact_count since the sample before.
      if (previous != nullptr && previous->pgbouncer &&
          sample.pgbouncer->xact_total >= previous->pgbouncer->xact_total) {
        const auto seconds = std::max<std::int64_t>(1, sample.unix_second - previous->unix_second);
        values.push_back(static_cast<double>(sample.pgbouncer->xact_total - previous->pgbouncer->xact_total) /
                         static_cast<double>(seconds));
      }
      previous = &sample;
    } else if (name.rfind("pgbouncer.", 0) == 0 && sample.pgbouncer) {
      const auto& pool = *sample.pgbouncer;
      if (name == "pgbouncer.avg_wait") {
        values.push_back(static_cast<double>(pool.avg_wait_us) / 1e6);
      } else if (name == "pgbouncer.cl_active") {
        values.push_back(static_cast<double>(pool.cl_active));
      } else if (name == "pgbouncer.cl_waiting") {
        values.push_back(static_cast<double>(pool.cl_waiting));
      } else if (name == "pgbouncer.sv_active") {
        values.push_back(static_cast<double>(pool.sv_active));
      } else if (name == "pgbouncer.maxwait") {
        values.push_back(static_cast<double>(pool.maxwait_us) / 1e6);
      }
    } else if (name == "redis.hit_rate" && sample.redis) {
      values.push_back(sample.redis->hit_rate);
    } else if (name == "redis.connected_clients" && sample.redis) {
      values.push_back(static_cast<double>(sample.redis->connected_clients));
    } else if (name.rfind("postgres.", 0) == 0 && sample.postgres) {
      // Per second: the increase since the sample before.
      if (previous != nullptr && previous->postgres) {
        const bool commits = name == "postgres.commits";
        const auto now = commits ? sample.postgres->xact_commit : sample.postgres->xact_rollback;
        const auto before = commits ? previous->postgres->xact_commit : previous->postgres->xact_rollback;
        const auto seconds = std::max<std::int64_t>(1, sample.unix_second - previous->unix_second);
        values.push_back(static_cast<double>(now - before) / static_cast<double>(seconds));
      }
      previous = &sample;
    }
  }
  return values;
}

}  // namespace

std::optional<double> observe(const ThresholdExpression& expression, const RunReport& report) {
  const auto tag = report.tags.find(expression.tag);
  switch (expression.metric) {
    case ThresholdMetric::latency: {
      if (tag == report.tags.end() || tag->second.latency.count() == 0) {
        return std::nullopt;
      }
      const auto& histogram = tag->second.latency;
      double us = 0;
      switch (expression.aggregation) {
        case Aggregation::percentile:
          us = static_cast<double>(histogram.value_at_percentile(expression.percentile));
          break;
        case Aggregation::avg:
          us = histogram.mean();
          break;
        case Aggregation::min:
          us = static_cast<double>(histogram.min());
          break;
        case Aggregation::max:
        case Aggregation::last:
          us = static_cast<double>(histogram.max());
          break;
      }
      return us / 1000.0;
    }
    case ThresholdMetric::error_rate:
      if (tag == report.tags.end() || tag->second.requests == 0) {
        return std::nullopt;
      }
      return static_cast<double>(tag->second.errors) / static_cast<double>(tag->second.requests);
    case ThresholdMetric::cache_hit_rate: {
      const auto lookups = report.counters.cache_hits + report.counters.cache_misses;
      if (lookups == 0) {
        return std::nullopt;
      }
      return static_cast<double>(report.counters.cache_hits) / static_cast<double>(lookups);
    }
    case ThresholdMetric::throughput: {
      if (tag == report.tags.end() || report.duration.count() <= 0) {
        return std::nullopt;
      }
      return static_cast<double>(tag->second.requests) /
             (static_cast<double>(report.duration.count()) / 1000.0);
    }
    case ThresholdMetric::counter:
      if (expression.name == "dropped_iterations") {
        return static_cast<double>(report.counters.dropped_iterations);
      }
      if (expression.name == "late_starts") {
        return static_cast<double>(report.counters.late_starts);
      }
      if (tag == report.tags.end()) {
        return 0.0;
      }
      return static_cast<double>(expression.name == "errors" ? tag->second.errors : tag->second.requests);
    case ThresholdMetric::signal:
      return aggregate(signal_values(expression.name, report), expression.aggregation);
  }
  return std::nullopt;
}

ThresholdResult judge(const Threshold& threshold, const RunReport& report) {
  ThresholdResult result;
  result.text = threshold.text;
  std::string error;
  const auto expression = parse_threshold(threshold.text, error);
  if (!expression) {
    result.passed = false;
    return result;
  }
  const auto observed = observe(*expression, report);
  if (!observed) {
    // no data: failed (see the header); observed stays empty
    result.passed = false;
    return result;
  }
  result.observed = *observed;
  // Latency bounds are parsed in µs, observed in ms.
  const double bound =
      expression->metric == ThresholdMetric::latency ? expression->bound / 1000.0 : expression->bound;
  result.passed = compare(*observed, expression->comparison, bound);
  return result;
}

}  // namespace dharma::loadtest
