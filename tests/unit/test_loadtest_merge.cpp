#include <doctest/doctest.h>

#include <random>

#include "dharma/loadtest/report_merge.hpp"
#include "dharma/loadtest/run_report_json.hpp"
#include "dharma/loadtest/tag_summary.hpp"

using namespace dharma::loadtest;

namespace {

constexpr std::int64_t k_start = 1'796'190'000;  // 2026-12-02T05:40:00Z

struct Sample {
  std::int64_t second;  // since k_start
  std::int64_t latency_us;
  bool error;
  bool cache_hit;
  const char* kind;
};

// A report as the engine would build it from `samples`, run from
// `first_second` for `seconds` seconds.
RunReport report_of(const std::vector<Sample>& samples, std::int64_t first_second, std::int64_t seconds) {
  RunReport report;
  report.scenario = "baseline";
  report.target = "store";
  report.started_at =
      iso8601_utc(std::chrono::system_clock::time_point(std::chrono::seconds(k_start + first_second)));
  report.duration = std::chrono::seconds(seconds);
  std::map<std::int64_t, TimelineSecond> timeline;
  for (const auto& sample : samples) {
    count_request(report, {sample.kind}, sample.latency_us, sample.error);
    auto& second = timeline[k_start + sample.second];
    second.unix_second = k_start + sample.second;
    second.latency.record(sample.latency_us);
    ++second.ops;
    second.errors += sample.error ? 1 : 0;
    second.active_vus = 5;
    (sample.cache_hit ? second.cache_hits : second.cache_misses) += 1;
    (sample.cache_hit ? report.counters.cache_hits : report.counters.cache_misses) += 1;
  }
  for (auto& [unix_second, second] : timeline) {
    report.timeline.push_back(second);
  }
  return report;
}

}  // namespace

TEST_CASE("merge_reports, the merged summary is the summary of one run over all samples") {
  std::mt19937_64 random(42);
  std::lognormal_distribution<double> latency(7.5, 1.0);
  std::vector<Sample> machine_a, machine_b, all;
  // Machine A runs seconds 0..9, machine B seconds 3..12: they overlap.
  for (int i = 0; i < 20000; ++i) {
    const bool on_a = i % 2 == 0;
    const std::int64_t second = on_a ? i % 10 : 3 + i % 10;
    const Sample sample{second, static_cast<std::int64_t>(latency(random)), i % 97 == 0, i % 5 != 0,
                        i % 3 == 0 ? "kind:push" : "kind:pull"};
    (on_a ? machine_a : machine_b).push_back(sample);
    all.push_back(sample);
  }
  auto a = report_of(machine_a, 0, 10);
  auto b = report_of(machine_b, 3, 10);
  a.counters.late_starts = 4;
  b.counters.late_starts = 6;
  b.aborted = true;
  b.abort_reason = "interrupted";
  auto one_run = report_of(all, 0, 13);
  // Each machine had 5 VUs; in the seconds they overlap the run had 10.
  for (auto& second : one_run.timeline) {
    const auto s = second.unix_second - k_start;
    second.active_vus = (s <= 9 ? 5 : 0) + (s >= 3 ? 5 : 0);
  }

  // Through JSON, as `loadtest merge` reads its inputs.
  const auto merged = merge_reports({report_from_json(nlohmann::json::parse(report_to_json_text(a))),
                                     report_from_json(nlohmann::json::parse(report_to_json_text(b)))});
  CHECK(merged.started_at == "2026-12-02T05:40:00Z");
  CHECK(merged.duration == std::chrono::seconds(13));
  REQUIRE(merged.tags.size() == 3);
  for (const auto& [tag, stats] : one_run.tags) {
    INFO("tag " << tag);
    CHECK(merged.tags.at(tag) == stats);
    CHECK(summarize(merged.tags.at(tag), merged.duration) == summarize(stats, one_run.duration));
  }
  CHECK(merged.timeline == one_run.timeline);
  CHECK(merged.counters.cache_hits == one_run.counters.cache_hits);
  CHECK(merged.counters.cache_misses == one_run.counters.cache_misses);
  CHECK(merged.counters.late_starts == 10);
  CHECK(merged.aborted);
  CHECK(merged.abort_reason == "interrupted");
  CHECK(merged.scenario == "baseline");
}

TEST_CASE("merge_reports, server samples of one second keep the largest figure") {
  RunReport a, b;
  a.started_at = b.started_at = "2026-12-02T05:40:00Z";
  a.scenario = "baseline";
  b.scenario = "spike";
  a.server = {{k_start, PgBouncerSample{10, 3, 4, 100, 5000, 70}, std::nullopt, PostgresSample{100, 1}}};
  b.server = {
      {k_start, PgBouncerSample{12, 1, 4, 900, 4000, 90}, RedisSample{5, 1, 0.8, 7}, PostgresSample{102, 1}},
      {k_start + 1, std::nullopt, RedisSample{9, 1, 0.9, 7}, std::nullopt}};
  const auto merged = merge_reports({a, b});
  REQUIRE(merged.server.size() == 2);
  CHECK(merged.server[0].pgbouncer == PgBouncerSample{12, 3, 4, 900, 5000, 90});
  CHECK(merged.server[0].redis == RedisSample{5, 1, 0.8, 7});
  CHECK(merged.server[0].postgres == PostgresSample{102, 1});
  CHECK(merged.server[1].redis == RedisSample{9, 1, 0.9, 7});
  CHECK(merged.scenario == "baseline+spike");
}
