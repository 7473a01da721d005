#pragma once
// The text of a threshold, parsed: what is measured, how it is compared.
//
//   p(95) < 10ms                      latency percentile over the run
//   latency{kind:pull} p(99) < 50ms   the same for one tag ("all" when none)
//   avg|min|max|med < 5ms             other latency aggregations
//   rate(errors) < 0.01               errors / requests (also "1%")
//   rate(cache_hit) > 0.8             cache hits / (hits + misses)
//   throughput > 1000                 requests per second over the run
//   dropped_iterations < 1            counters: dropped_iterations, late_starts, requests, errors
//   pgbouncer.cl_waiting max < 50     a server signal's max|min|avg|last over its per-second samples
//
// Signals: pgbouncer.{cl_active,cl_waiting,sv_active,maxwait,xacts,avg_wait},
// redis.{hit_rate,connected_clients}, postgres.{commits,rollbacks} (per second).

#include <optional>
#include <string>

namespace dharma::loadtest {

enum class ThresholdMetric { latency, error_rate, cache_hit_rate, throughput, counter, signal };
enum class ThresholdComparison { less, less_equal, greater, greater_equal };
enum class Aggregation { percentile, avg, min, max, last };  // "med" is p(50)

struct ThresholdExpression {
  ThresholdMetric metric = ThresholdMetric::latency;
  std::string tag = "all";  // "kind:pull", or "all"
  std::string name;         // counter or signal name ("cl_waiting" as "pgbouncer.cl_waiting")
  Aggregation aggregation = Aggregation::percentile;
  double percentile = 95;
  ThresholdComparison comparison = ThresholdComparison::less;
  double bound = 0;  // latency in microseconds; rates as fractions
};

// Parses `text`; on failure returns nothing and sets `error` to what is wrong.
std::optional<ThresholdExpression> parse_threshold(const std::string& text, std::string& error);

bool compare(double observed, ThresholdComparison comparison, double bound);
std::string comparison_text(ThresholdComparison comparison);

}  // namespace dharma::loadtest
