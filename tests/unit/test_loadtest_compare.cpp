#include <doctest/doctest.h>

#include "dharma/loadtest/report_compare.hpp"

using namespace dharma::loadtest;

namespace {

RunReport run_with(std::int64_t latency_us, int requests, int errors, std::uint64_t hits) {
  RunReport report;
  report.started_at = "2026-12-02T05:40:00Z";
  report.duration = std::chrono::seconds(10);
  for (int i = 0; i < requests; ++i) {
    count_request(report, {"kind:pull"}, latency_us, i < errors);
  }
  report.counters.cache_hits = hits;
  report.counters.cache_misses = 100 - hits;
  return report;
}

const FigureComparison& figure(const Comparison& comparison, const std::string& tag,
                               const std::string& name) {
  for (const auto& item : comparison.figures) {
    if (item.tag == tag && item.figure == name) {
      return item;
    }
  }
  FAIL("no figure " << tag << " " << name);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("compare, marks figures that moved the wrong way and regressions past the limit") {
  const auto previous = run_with(1000, 1000, 0, 90);
  SUBCASE("p95 15 % slower fails a 10 % limit, throughput 5 % lower does not") {
    const auto current = run_with(1150, 950, 0, 90);
    const auto comparison = compare(current, previous, 10.0);
    const auto& p95 = figure(comparison, "all", "p95");
    CHECK(p95.worse);
    CHECK(p95.regression);
    CHECK(*p95.change_percent == doctest::Approx(15.0));  // every sample is 1150: min = max, exact
    const auto& ops = figure(comparison, "kind:pull", "ops/s");
    CHECK(ops.worse);
    CHECK_FALSE(ops.regression);
    CHECK(*ops.change_percent == doctest::Approx(-5.0));
    CHECK(comparison.regressed());
  }
  SUBCASE("faster and with more throughput: nothing is worse") {
    const auto comparison = compare(run_with(800, 1200, 0, 95), previous, 10.0);
    CHECK_FALSE(comparison.regressed());
    for (const auto& item : comparison.figures) {
      CHECK_FALSE(item.worse);
    }
  }
  SUBCASE("errors rising from zero are a regression at any limit") {
    const auto comparison = compare(run_with(1000, 1000, 1, 90), previous, 1000.0);
    const auto& errors = figure(comparison, "all", "error rate");
    CHECK_FALSE(errors.change_percent.has_value());
    CHECK(errors.regression);
  }
  SUBCASE("without a limit figures are worse but never regressions") {
    const auto comparison = compare(run_with(5000, 10, 5, 10), previous, std::nullopt);
    CHECK(figure(comparison, "run", "cache hit rate").worse);
    CHECK_FALSE(comparison.regressed());
  }
}

TEST_CASE("render_comparison_text, one aligned line per figure") {
  const auto text =
      render_comparison_text(compare(run_with(1150, 950, 0, 90), run_with(1000, 1000, 0, 90), 10.0));
  CHECK(text ==
        "compared with the run started 2026-12-02T05:40:00Z, failing on a regression above 10.0 %\n"
        "tag        figure          previous  current   change\n"
        "all        ops/s              100.0     95.0   -5.0 %       worse\n"
        "all        error rate        0.00 %   0.00 %    0.0 %\n"
        "all        p50               1.00ms   1.15ms  +15.0 %  REGRESSION\n"
        "all        p95               1.00ms   1.15ms  +15.0 %  REGRESSION\n"
        "all        p99               1.00ms   1.15ms  +15.0 %  REGRESSION\n"
        "kind:pull  ops/s              100.0     95.0   -5.0 %       worse\n"
        "kind:pull  error rate        0.00 %   0.00 %    0.0 %\n"
        "kind:pull  p50               1.00ms   1.15ms  +15.0 %  REGRESSION\n"
        "kind:pull  p95               1.00ms   1.15ms  +15.0 %  REGRESSION\n"
        "kind:pull  p99               1.00ms   1.15ms  +15.0 %  REGRESSION\n"
        "run        cache hit rate   90.00 %  90.00 %    0.0 %\n");
}

TEST_CASE("parse_regression_percent, accepts 10% and 10") {
  CHECK(parse_regression_percent("10%") == 10.0);
  CHECK(parse_regression_percent("2.5") == 2.5);
  CHECK_FALSE(parse_regression_percent("ten"));
  CHECK_FALSE(parse_regression_percent("-5%"));
  CHECK_FALSE(parse_regression_percent("%"));
  CHECK_FALSE(parse_regression_percent("5000%"));
}
