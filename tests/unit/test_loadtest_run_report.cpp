#include <doctest/doctest.h>

#include "dharma/loadtest/json_text.hpp"
#include "dharma/loadtest/run_report_json.hpp"
#include "dharma/loadtest/tag_summary.hpp"
#include "dharma/util/diagnosed_error.hpp"

using namespace dharma;
using namespace dharma::loadtest;

namespace {

RunReport sample_report() {
  RunReport report;
  report.scenario = "baseline";
  report.target = "store";
  report.started_at = "2026-12-02T05:40:00Z";
  report.duration = std::chrono::milliseconds(3000);
  for (int i = 0; i < 300; ++i) {
    count_request(report, {i % 3 == 0 ? "kind:push" : "kind:pull", "region:eu"}, 200 + i * 13, i % 100 == 0);
  }
  for (std::int64_t s = 0; s < 3; ++s) {
    TimelineSecond second;
    second.unix_second = 1'796'190'000 + s;
    for (int i = 0; i < 100; ++i) {
      second.latency.record(200 + (s * 100 + i) * 13);
    }
    second.ops = 100;
    second.errors = 1;
    second.active_vus = 10 * (s + 1);
    second.cache_hits = 60;
    second.cache_misses = 7;
    report.timeline.push_back(second);
    ServerSample sample;
    sample.unix_second = second.unix_second;
    sample.pgbouncer = PgBouncerSample{
        10, static_cast<std::int64_t>(s), 4, 1500, 9000 + 40 * static_cast<std::int64_t>(s), 120};
    if (s != 1) {
      sample.redis = RedisSample{1000 + static_cast<std::uint64_t>(s) * 60, 50, 0.895, 12};
    }
    sample.postgres = PostgresSample{5000, 3};
    report.server.push_back(sample);
  }
  report.counters = {2, 5, 180, 21};
  report.thresholds = {{"p(95) < 10ms", 4.1, true, false},
                       {"pgbouncer.cl_waiting max < 1", 2, false, true},
                       {"redis.hit_rate min > 0.5", std::nullopt, false, false}};
  report.aborted = true;
  report.abort_reason = "threshold pgbouncer.cl_waiting max < 1 failed";
  return report;
}

std::string error_of(const std::string& text) {
  try {
    report_from_json_text(text, "run.json");
  } catch (const util::DiagnosedError& error) {
    CHECK(error.code() == util::ExitCode::invalid_input);
    REQUIRE(error.diagnostics().all().size() == 1);
    return util::format_diagnostic(error.diagnostics().all().front());
  }
  return "no error";
}

}  // namespace

TEST_CASE("report_to_json, reads back to the same report") {
  const auto report = sample_report();
  const auto text = report_to_json_text(report);
  const auto read = report_from_json_text(text, "run.json");
  CHECK(read == report);
  CHECK(report_to_json_text(read) == text);
  const auto json = nlohmann::json::parse(text);
  CHECK(json["format"] == "dharma-loadtest-report/1");
  CHECK(json["tags"]["all"]["requests"] == 300);
  CHECK(json["tags"]["kind:push"]["requests"] == 100);
  CHECK(json["tags"]["all"]["summary"]["ops_per_second"] == 100.0);
  CHECK(json["tags"]["all"]["summary"]["errors"] == 3);
  CHECK_FALSE(json["server"][1].contains("redis"));
  CHECK(json["thresholds"][2]["observed"].is_null());  // no data is null, not 0
}

TEST_CASE("report_from_json_text, located errors for bad JSON and other formats") {
  CHECK(error_of("{\n  \"format\": \n}") ==
        "run.json:3:1: error: not a load-test report: invalid JSON: syntax error while parsing value - "
        "unexpected '}'; "
        "expected '[', '{', or a literal");
  CHECK(
      error_of(R"({"format": "dharma-cost-report/1"})") ==
      "run.json: error: not a load-test report (dharma-loadtest-report/1): at /format: expected \"format\": "
      "\"dharma-loadtest-report/1\", found \"dharma-cost-report/1\"");
  auto json = report_to_json(sample_report());
  json["timeline"][1]["ops"] = "many";
  CHECK(error_of(json.dump()) ==
        "run.json: error: not a load-test report (dharma-loadtest-report/1): at /timeline/1/ops: expected a "
        "count (an "
        "integer ≥ 0), found a string");
  json = report_to_json(sample_report());
  json["tags"]["kind:pull"]["requests"] = 7;
  CHECK(error_of(json.dump()) ==
        "run.json: error: not a load-test report (dharma-loadtest-report/1): at /tags/kind:pull/latency_us: "
        "the "
        "histogram does not hold one sample per request");
  json = report_to_json(sample_report());
  json["started_at"] = "yesterday";
  CHECK(error_of(json.dump()) ==
        "run.json: error: not a load-test report (dharma-loadtest-report/1): at /started_at: expected a UTC "
        "time such "
        "as 2026-12-02T05:40:00Z");
  json = report_to_json(sample_report());
  json["server"][2]["second"] = 0;
  CHECK(error_of(json.dump()) ==
        "run.json: error: not a load-test report (dharma-loadtest-report/1): at /server/2/second: seconds "
        "must be in "
        "increasing order");
}

TEST_CASE("summarize, throughput, error rate and percentiles of a tag") {
  const auto report = sample_report();
  const auto summary = summarize(report.tags.at("all"), report.duration);
  CHECK(summary.requests == 300);
  CHECK(summary.errors == 3);
  CHECK(summary.error_rate == doctest::Approx(0.01));
  CHECK(summary.ops_per_second == doctest::Approx(100.0));
  CHECK(summary.min_us == 200);
  CHECK(summary.max_us == 200 + 299 * 13);
  CHECK(summary.percentile_us[0] == doctest::Approx(200 + 149 * 13).epsilon(1.0 / 128));
}

TEST_CASE("iso8601_utc, reads back") {
  const auto time = parse_iso8601_utc("2026-12-02T05:40:00Z");
  REQUIRE(time);
  CHECK(iso8601_utc(*time) == "2026-12-02T05:40:00Z");
  CHECK(parse_iso8601_utc("2026-12-02T05:40:00.250Z"));
  CHECK_FALSE(parse_iso8601_utc("2026-12-02T05:40:00"));
  CHECK_FALSE(parse_iso8601_utc("2026-13-02T05:40:00Z"));
  CHECK_FALSE(parse_iso8601_utc("9999-12-31T23:59:59Z"));  // past system_clock's nanoseconds
}

TEST_CASE("pretty_json, number-only lists on one line, values unchanged") {
  nlohmann::ordered_json json = {{"name", "a [1, 2] \"quoted\" \\ [3]"},
                                 {"buckets", {{3, 2}, {130, 1}, {-1, 2.5e-7}}},
                                 {"empty", nlohmann::ordered_json::array()},
                                 {"mixed", {1, "two", nullptr}}};
  const auto text = pretty_json(json);
  CHECK(text.find("    [3, 2],\n    [130, 1],\n") != std::string::npos);
  CHECK(text.find("\"empty\": []") != std::string::npos);
  CHECK(text.find("\"mixed\": [\n    1,\n") != std::string::npos);
  CHECK(nlohmann::ordered_json::parse(text) == json);
  const auto report = report_to_json(sample_report());
  CHECK(nlohmann::ordered_json::parse(pretty_json(report)) == report);
}
