#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "dharma/loadtest/histogram.hpp"
#include "dharma/loadtest/json_shape_error.hpp"

using dharma::loadtest::JsonShapeError;
using dharma::loadtest::LatencyHistogram;

namespace {

// The exact sample of rank ceil(p/100 × n), as value_at_percentile defines it.
std::int64_t exact_percentile(const std::vector<std::int64_t>& sorted, double p) {
  if (p <= 0) {
    return sorted.front();
  }
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

void check_against_exact_sort(const std::vector<std::int64_t>& samples) {
  LatencyHistogram histogram;
  for (auto sample : samples) {
    histogram.record(sample);
  }
  auto sorted = samples;
  std::sort(sorted.begin(), sorted.end());
  for (double p : {0.0, 1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.99, 100.0}) {
    const auto exact = exact_percentile(sorted, p);
    const auto estimate = histogram.value_at_percentile(p);
    // The stated precision: within 1/128 of the exact sample (and exact below 128 µs).
    const double error = std::abs(static_cast<double>(estimate - exact));
    INFO("p=" << p << " exact=" << exact << " estimate=" << estimate);
    CHECK(error <= static_cast<double>(exact) / 128.0);
  }
  CHECK(histogram.min() == sorted.front());
  CHECK(histogram.max() == sorted.back());
  CHECK(histogram.count() == samples.size());
}

}  // namespace

TEST_CASE("LatencyHistogram::value_at_percentile, within 1/128 of an exact sort") {
  std::mt19937_64 random(18);
  SUBCASE("log-normal latencies around a millisecond") {
    std::lognormal_distribution<double> latency(7.0, 1.2);
    std::vector<std::int64_t> samples;
    for (int i = 0; i < 200000; ++i) {
      samples.push_back(static_cast<std::int64_t>(latency(random)));
    }
    check_against_exact_sort(samples);
  }
  SUBCASE("uniform from 1 µs to one hour") {
    std::uniform_int_distribution<std::int64_t> latency(1, 3'600'000'000);
    std::vector<std::int64_t> samples;
    for (int i = 0; i < 50000; ++i) {
      samples.push_back(latency(random));
    }
    check_against_exact_sort(samples);
  }
  SUBCASE("a stall: most fast, one percent at two seconds") {
    std::vector<std::int64_t> samples;
    for (int i = 0; i < 9900; ++i) {
      samples.push_back(300 + i % 700);
    }
    for (int i = 0; i < 100; ++i) {
      samples.push_back(2'000'000 + i * 1000);
    }
    check_against_exact_sort(samples);
  }
  SUBCASE("few samples") {
    check_against_exact_sort({5});
    check_against_exact_sort({1, 1000000});
    check_against_exact_sort({127, 128, 129, 255, 256, 257});
  }
}

TEST_CASE("LatencyHistogram::bucket_index, buckets tile the range without gaps") {
  CHECK(LatencyHistogram::bucket_index(0) == 0);
  CHECK(LatencyHistogram::bucket_index(127) == 127);
  CHECK(LatencyHistogram::bucket_index(128) == 128);
  CHECK(LatencyHistogram::bucket_index(129) == 128);
  CHECK(LatencyHistogram::bucket_index(LatencyHistogram::k_highest_trackable) ==
        LatencyHistogram::k_bucket_limit - 1);
  CHECK(LatencyHistogram::bucket_index(LatencyHistogram::k_highest_trackable * 4) ==
        LatencyHistogram::k_bucket_limit - 1);
  for (std::size_t i = 0; i + 1 < LatencyHistogram::k_bucket_limit; ++i) {
    const auto lower = LatencyHistogram::bucket_lower_bound(i);
    const auto width = LatencyHistogram::bucket_width(i);
    REQUIRE(LatencyHistogram::bucket_index(lower) == i);
    REQUIRE(LatencyHistogram::bucket_index(lower + width - 1) == i);
    REQUIRE(LatencyHistogram::bucket_lower_bound(i + 1) == lower + width);
    // A bucket is at most 1/64 of its lower bound wide: about two significant digits.
    REQUIRE((width == 1 || width * 64 <= lower));
  }
}

TEST_CASE("LatencyHistogram::merge, equals one histogram of all samples") {
  std::mt19937_64 random(7);
  std::lognormal_distribution<double> latency(8.0, 2.0);
  LatencyHistogram all;
  LatencyHistogram parts[3];
  for (int i = 0; i < 30000; ++i) {
    const auto sample = static_cast<std::int64_t>(latency(random));
    all.record(sample);
    parts[i % 3].record(sample);
  }
  LatencyHistogram merged;
  for (const auto& part : parts) {
    merged.merge(part);
  }
  CHECK(merged == all);
  CHECK(merged.value_at_percentile(99.9) == all.value_at_percentile(99.9));
  CHECK(merged.mean() == all.mean());
  LatencyHistogram empty;
  merged.merge(empty);
  CHECK(merged == all);
  empty.merge(all);
  CHECK(empty == all);
}

TEST_CASE("LatencyHistogram, empty and odd values") {
  LatencyHistogram histogram;
  CHECK(histogram.count() == 0);
  CHECK(histogram.value_at_percentile(99) == 0);
  CHECK(histogram.mean() == 0);
  histogram.record(-5);
  CHECK(histogram.min() == 0);
  histogram.record(LatencyHistogram::k_highest_trackable * 2);
  CHECK(histogram.max() == LatencyHistogram::k_highest_trackable * 2);
  CHECK(histogram.value_at_percentile(100) == LatencyHistogram::k_highest_trackable * 2);
}

TEST_CASE("LatencyHistogram::to_json, reads back exactly") {
  LatencyHistogram histogram;
  for (std::int64_t value : std::vector<std::int64_t>{3, 3, 130, 131, 5000, 250000, 250001, 3'600'000'000}) {
    histogram.record(value);
  }
  const auto json = histogram.to_json();
  CHECK(json["buckets"].size() == 5);  // 130 and 131 share a bucket, as do 250000 and 250001
  CHECK(json["buckets"][0] == nlohmann::json::array({3, 2}));
  CHECK(LatencyHistogram::from_json(nlohmann::json::parse(json.dump()), "/h") == histogram);
  CHECK(LatencyHistogram::from_json(LatencyHistogram().to_json(), "/h") == LatencyHistogram());
}

TEST_CASE("LatencyHistogram::from_json, names what is wrong and where") {
  auto error_of = [](const std::string& text) {
    try {
      LatencyHistogram::from_json(nlohmann::json::parse(text), "/tags/all/latency_us");
    } catch (const JsonShapeError& error) {
      return error.pointer() + ": " + error.what();
    }
    return std::string("no error");
  };
  CHECK(error_of(R"({"count":1,"min":3,"max":3,"sum":3,"buckets":[[129,1]]})") ==
        "/tags/all/latency_us/buckets/0: 129 is not the lower bound of a histogram bucket");
  CHECK(error_of(R"({"count":2,"min":3,"max":3,"sum":3,"buckets":[[3,1]]})") ==
        "/tags/all/latency_us/count: count 2 is not the sum of the bucket counts (1)");
  CHECK(error_of(R"({"count":1,"min":3,"max":3,"sum":3,"buckets":[[3,0]]})") ==
        "/tags/all/latency_us/buckets/0: expected [lower_bound_us, count] with a count above 0");
  CHECK(error_of(R"({"count":2,"min":3,"max":4,"sum":7,"buckets":[[4,1],[3,1]]})") ==
        "/tags/all/latency_us/buckets/1: buckets must be in increasing order");
  CHECK(error_of(R"({"count":1,"min":3,"max":9,"sum":3,"buckets":[[3,1]]})") ==
        "/tags/all/latency_us/min: min and max do not fall in the first and last bucket");
  CHECK(error_of(R"({"count":1,"min":3,"max":3,"buckets":[[3,1]]})") ==
        "/tags/all/latency_us: missing \"sum\"");
  CHECK(error_of(R"({"count":-1,"min":3,"max":3,"sum":1,"buckets":[]})") ==
        "/tags/all/latency_us/count: expected a count (an integer ≥ 0), found an integer");
  CHECK(error_of(R"([1])") == "/tags/all/latency_us: expected an object, found a list");
}
