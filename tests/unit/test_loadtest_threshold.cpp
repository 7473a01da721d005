#include <doctest/doctest.h>

#include "dharma/loadtest/threshold_expression.hpp"
#include "dharma/loadtest/threshold_judge.hpp"

using namespace dharma::loadtest;

namespace {

ThresholdExpression parsed(const std::string& text) {
  std::string error;
  const auto expression = parse_threshold(text, error);
  INFO(text << ": " << error);
  REQUIRE(expression.has_value());
  return *expression;
}

std::string refused(const std::string& text) {
  std::string error;
  const auto expression = parse_threshold(text, error);
  CHECK_FALSE(expression.has_value());
  return error;
}

RunReport report_with_latencies(int count) {
  RunReport report;
  report.duration = std::chrono::milliseconds(2000);
  for (int i = 1; i <= count; ++i) {
    count_request(report, {i % 2 == 0 ? "kind:pull" : "kind:push"}, i * 1000, i % 10 == 0);
  }
  report.counters.cache_hits = 90;
  report.counters.cache_misses = 10;
  for (std::int64_t s = 0; s < 3; ++s) {
    ServerSample sample;
    sample.unix_second = 100 + s;
    sample.pgbouncer = PgBouncerSample{5, 10 * s, 2, 0, 700 + 120 * s, 250'000 * s};
    sample.postgres = PostgresSample{static_cast<std::uint64_t>(1000 + 50 * s), 0};
    report.server.push_back(sample);
  }
  return report;
}

}  // namespace

TEST_CASE("parse_threshold, the shapes of docs/loadtest.md") {
  SUBCASE("a percentile of all requests") {
    const auto e = parsed("p(95) < 10ms");
    CHECK(e.metric == ThresholdMetric::latency);
    CHECK(e.tag == "all");
    CHECK(e.percentile == 95);
    CHECK(e.comparison == ThresholdComparison::less);
    CHECK(e.bound == 10000);  // µs
  }
  SUBCASE("a tagged percentile") {
    const auto e = parsed("latency{kind:pull} p(99.9) <= 1.5s");
    CHECK(e.tag == "kind:pull");
    CHECK(e.percentile == doctest::Approx(99.9));
    CHECK(e.comparison == ThresholdComparison::less_equal);
    CHECK(e.bound == 1'500'000);
  }
  SUBCASE("rates, with a fraction or a percentage") {
    CHECK(parsed("rate(errors) < 0.01").metric == ThresholdMetric::error_rate);
    CHECK(parsed("rate(errors){kind:push} < 1%").bound == doctest::Approx(0.01));
    CHECK(parsed("rate(errors){kind:push} < 1%").tag == "kind:push");
    CHECK(parsed("rate(cache_hit) > 0.8").metric == ThresholdMetric::cache_hit_rate);
  }
  SUBCASE("signals and counters") {
    const auto e = parsed("pgbouncer.cl_waiting max < 50");
    CHECK(e.metric == ThresholdMetric::signal);
    CHECK(e.name == "pgbouncer.cl_waiting");
    CHECK(e.aggregation == Aggregation::max);
    CHECK(parsed("dropped_iterations < 1").metric == ThresholdMetric::counter);
    CHECK(parsed("throughput >= 1000").comparison == ThresholdComparison::greater_equal);
  }
  SUBCASE("mistakes say what is wrong") {
    CHECK(refused("p(95) 10ms") == "a threshold compares with <, <=, > or >=, as in 'p(95) < 10ms'");
    CHECK(refused("p(95) < 10") == "a latency bound needs a unit (us, ms, s), as in 10ms");
    CHECK(refused("p(0) < 10ms").find("a percentile is p(N)") == 0);
    CHECK(refused("pgbouncer.cl_waiting < 5").find("a server signal needs an aggregation") == 0);
    CHECK(refused("latency{kind} p(99) < 5ms") == "a tag is written {key:value}, not {kind}");
    CHECK(refused("redis.hit_rate p(95) > 0.5").find("a server signal is judged by max") == 0);
    CHECK(refused("rate(errors) < lots") == "'lots' is not a non-negative number");
    CHECK(refused("speed < 5").find("unknown metric 'speed'") == 0);
  }
}

TEST_CASE("judge, thresholds over a report") {
  const auto report = report_with_latencies(1000);  // 1 ms … 1000 ms, every tenth an error
  auto verdict = [&](const std::string& text) {
    Threshold threshold;
    threshold.text = text;
    return judge(threshold, report);
  };
  SUBCASE("latency in ms, within the histogram's precision") {
    const auto p95 = verdict("p(95) < 900ms");
    CHECK(p95.observed.value_or(-1) == doctest::Approx(950).epsilon(0.01));
    CHECK_FALSE(p95.passed);
    CHECK(verdict("p(95) < 1s").passed);
    CHECK(verdict("latency{kind:pull} max <= 1s").passed);
  }
  SUBCASE("rates and throughput") {
    CHECK(verdict("rate(errors) < 0.11").observed.value_or(-1) == doctest::Approx(0.1));
    CHECK(verdict("rate(errors) < 0.11").passed);
    CHECK_FALSE(verdict("rate(errors) < 0.05").passed);
    CHECK(verdict("rate(cache_hit) > 0.8").passed);
    CHECK(verdict("throughput > 499").observed.value_or(-1) == doctest::Approx(500));
  }
  SUBCASE("signals per second") {
    CHECK(verdict("pgbouncer.cl_waiting max < 50").observed.value_or(-1) == 20);
    CHECK_FALSE(verdict("pgbouncer.cl_waiting max < 20").passed);
    CHECK(verdict("postgres.commits avg >= 50").observed.value_or(-1) == doctest::Approx(50));
  }
  SUBCASE("SHOW STATS: transactions per second and clients' wait in seconds per second") {
    CHECK(verdict("pgbouncer.xacts min > 100").observed.value_or(-1) == doctest::Approx(120));
    CHECK_FALSE(verdict("pgbouncer.xacts avg > 120").passed);
    CHECK(verdict("pgbouncer.avg_wait max < 1").observed.value_or(-1) == doctest::Approx(0.5));
    CHECK_FALSE(verdict("pgbouncer.avg_wait last < 0.5").passed);
  }
  SUBCASE("no data fails, and says no data rather than an observed 0") {
    const auto untagged = verdict("latency{kind:list} p(95) < 10s");
    CHECK_FALSE(untagged.passed);
    CHECK_FALSE(untagged.observed.has_value());
    CHECK(observed_text(untagged, 3) == "no data");
    const auto unsampled = verdict("redis.hit_rate min > 0");
    CHECK_FALSE(unsampled.passed);
    CHECK_FALSE(unsampled.observed.has_value());
    CHECK(observed_text(verdict("rate(errors) < 0.11"), 3) == "0.100");
  }
}
