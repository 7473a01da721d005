#pragma once
// Latency histogram with HDR-style log-linear buckets.
//
// Values are microseconds. Below 128 µs every value has its own bucket
// (exact). From 128 µs on, each power-of-two range [2^e, 2^(e+1)) is split
// into 64 equal buckets, so a bucket is at most 1/64 of its lower bound wide.
// A value read back (a percentile) is its bucket's midpoint clamped to the
// exact min and max, so it is within 1/128 (0.79 %) of the recorded value:
// the "relative error ≤ 1 %" bound the unit test checks against an exact sort.
// Values from 0 to k_highest_trackable (2^36 - 1 µs, about 19 hours) are
// bucketed; larger ones count in the top bucket (min and max stay exact).
// Memory is bounded: at most k_bucket_limit (1,984) 64-bit counts, and only
// as many as the largest value recorded needs. Merging adds counts bucket by
// bucket, so a merged histogram is exactly the one of all samples.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

namespace dharma::loadtest {

class LatencyHistogram {
 public:
  static constexpr std::int64_t k_highest_trackable = (std::int64_t{1} << 36) - 1;
  static constexpr std::size_t k_bucket_limit = 1984;

  // Counts one sample of `us` microseconds; a negative value counts as 0.
  void record(std::int64_t us);
  // Adds every sample of `other`.
  void merge(const LatencyHistogram& other);

  std::uint64_t count() const { return m_count; }
  // 0 when empty.
  std::int64_t min() const { return m_count == 0 ? 0 : m_min; }
  std::int64_t max() const { return m_count == 0 ? 0 : m_max; }
  // Exact mean of the samples as recorded (0 when empty).
  double mean() const;
  // The sample of rank ceil(`p`/100 × count), within the bucket precision;
  // p ≤ 0 is min(), p ≥ 100 is max(), 0 when empty.
  std::int64_t value_at_percentile(double p) const;

  // Sparse JSON: {"count", "min", "max", "sum", "buckets": [[lower_bound_us, count], …]}.
  nlohmann::ordered_json to_json() const;
  // Reads what to_json writes. Throws JsonShapeError naming the JSON pointer
  // below `where` of the first thing that is not a valid histogram.
  static LatencyHistogram from_json(const nlohmann::json& json, const std::string& where);

  // The bucket a value falls in and that bucket's lowest value (for tests and readers).
  static std::size_t bucket_index(std::int64_t us);
  static std::int64_t bucket_lower_bound(std::size_t index);
  static std::int64_t bucket_width(std::size_t index);

  // The buckets holding samples, in increasing order: {lower bound µs, count}.
  std::vector<std::pair<std::int64_t, std::uint64_t>> used_buckets() const;

  bool operator==(const LatencyHistogram&) const = default;

 private:
  std::vector<std::uint64_t> m_counts;  // grows to the highest bucket used
  std::uint64_t m_count = 0;
  std::int64_t m_min = 0;
  std::int64_t m_max = 0;
  std::int64_t m_sum = 0;  // saturates at INT64_MAX (about 290,000 years of µs)
};

}  // namespace dharma::loadtest
