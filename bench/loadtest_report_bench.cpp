// The report side of the load engine, in one process:
//
//   dharma_loadtest_report_bench SECONDS OPS_PER_SECOND
//
// record    ns per LatencyHistogram::record of log-normal latencies (the
//           engine records each request three times: "all", its kind, its second)
// build     a RunReport of SECONDS timeline seconds × OPS_PER_SECOND requests
// to_json   report_to_json_text: seconds and bytes
// from_json report_from_json_text of that text
// merge     merge_reports of four copies
// html/prom render_report_html / render_report_prometheus: seconds and bytes
// with the process's peak RSS at the end (getrusage).

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "dharma/loadtest/report_html.hpp"
#include "dharma/loadtest/report_merge.hpp"
#include "dharma/loadtest/report_prometheus.hpp"
#include "dharma/loadtest/run_report_json.hpp"

using namespace dharma::loadtest;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const long seconds = argc > 1 ? std::atol(argv[1]) : 600;
  const long rate = argc > 2 ? std::atol(argv[2]) : 1000;
  std::mt19937_64 random(18);
  std::lognormal_distribution<double> latency(7.0, 1.0);
  std::vector<std::int64_t> samples(1 << 20);
  for (auto& sample : samples) {
    sample = static_cast<std::int64_t>(latency(random));
  }

  LatencyHistogram histogram;
  auto start = Clock::now();
  constexpr long k_records = 50'000'000;
  for (long i = 0; i < k_records; ++i) {
    histogram.record(samples[static_cast<std::size_t>(i) & (samples.size() - 1)]);
  }
  const double record_ns = seconds_since(start) * 1e9 / k_records;
  std::printf("record      %.2f ns per sample (p99 %lld us, so the compiler keeps it)\n", record_ns,
              static_cast<long long>(histogram.value_at_percentile(99)));

  start = Clock::now();
  RunReport report;
  report.scenario = "bench";
  report.target = "store";
  report.started_at = "2026-12-02T05:40:00Z";
  report.duration = std::chrono::seconds(seconds);
  std::size_t next = 0;
  for (long s = 0; s < seconds; ++s) {
    TimelineSecond second;
    second.unix_second = 1'796'190'000 + s;
    for (long i = 0; i < rate; ++i) {
      const auto value = samples[next++ & (samples.size() - 1)];
      count_request(report, {i % 3 == 0 ? "kind:push" : "kind:pull"}, value, false);
      second.latency.record(value);
      ++second.ops;
    }
    second.active_vus = 100;
    report.timeline.push_back(std::move(second));
    report.server.push_back(
        {second.unix_second, PgBouncerSample{100, 0, 20, 0, 0, 0}, RedisSample{}, PostgresSample{}});
  }
  std::printf("build       %.3f s for %ld s × %ld ops/s\n", seconds_since(start), seconds, rate);

  start = Clock::now();
  const auto text = report_to_json_text(report);
  std::printf("to_json     %.3f s, %.1f MB (%.0f bytes per timeline second)\n", seconds_since(start),
              static_cast<double>(text.size()) / 1e6,
              static_cast<double>(text.size()) / static_cast<double>(seconds));
  start = Clock::now();
  const auto read = report_from_json_text(text, "bench.json");
  std::printf("from_json   %.3f s (%s)\n", seconds_since(start), read == report ? "identical" : "DIFFERENT");
  start = Clock::now();
  const auto merged = merge_reports({read, read, read, read});
  std::printf("merge ×4    %.3f s (%llu requests)\n", seconds_since(start),
              static_cast<unsigned long long>(merged.tags.at("all").requests));
  start = Clock::now();
  const auto html = render_report_html(report);
  std::printf("html        %.3f s, %.2f MB\n", seconds_since(start), static_cast<double>(html.size()) / 1e6);
  start = Clock::now();
  const auto prometheus = render_report_prometheus(report);
  std::printf("prometheus  %.4f s, %zu bytes\n", seconds_since(start), prometheus.size());
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS    %.1f MB; CPU %.2f s user, %.2f s system\n",
              static_cast<double>(usage.ru_maxrss) / 1024,
              static_cast<double>(usage.ru_utime.tv_sec) + static_cast<double>(usage.ru_utime.tv_usec) / 1e6,
              static_cast<double>(usage.ru_stime.tv_sec) + static_cast<double>(usage.ru_stime.tv_usec) / 1e6);
  return read == report ? 0 : 1;
}
