#include "dharma/loadtest/histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "dharma/loadtest/json_fields.hpp"

namespace dharma::loadtest {

namespace {

// 2^7 = 128 values have their own bucket; above, 64 buckets per power of two.
constexpr int k_sub_bucket_bits = 6;
constexpr std::size_t k_sub_bucket_count = std::size_t{1} << k_sub_bucket_bits;  // 64

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
  if (a > std::numeric_limits<std::int64_t>::max() - b) {
    return std::numeric_limits<std::int64_t>::max();
  }
  return a + b;
}

std::size_t first_used(const std::vector<std::uint64_t>& counts) {
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] != 0) {
      return i;
    }
  }
  return counts.size();
}

}  // namespace

std::size_t LatencyHistogram::bucket_index(std::int64_t us) {
  const auto value = static_cast<std::uint64_t>(std::clamp<std::int64_t>(us, 0, k_highest_trackable));
  // shift = how far the value's top 7 bits lie above bit 0; the index is
  // shift × 64 + those 7 bits, which for 64 ≤ top < 128 numbers each
  // power-of-two range in 64 steps and leaves values below 128 exact.
  const int width = std::bit_width(value);
  const int shift = std::max(0, width - (k_sub_bucket_bits + 1));
  return static_cast<std::size_t>(shift) * k_sub_bucket_count + static_cast<std::size_t>(value >> shift);
}

std::int64_t LatencyHistogram::bucket_lower_bound(std::size_t index) {
  if (index < 2 * k_sub_bucket_count) {
    return static_cast<std::int64_t>(index);
  }
  const std::size_t shift = index / k_sub_bucket_count - 1;
  const std::size_t top = index - shift * k_sub_bucket_count;
  return static_cast<std::int64_t>(top) << shift;
}

std::int64_t LatencyHistogram::bucket_width(std::size_t index) {
  if (index < 2 * k_sub_bucket_count) {
    return 1;
  }
  return std::int64_t{1} << (index / k_sub_bucket_count - 1);
}

void LatencyHistogram::record(std::int64_t us) {
  const std::int64_t value = std::max<std::int64_t>(us, 0);
  const std::size_t index = bucket_index(value);
  if (index >= m_counts.size()) {
    m_counts.resize(index + 1, 0);
  }
  ++m_counts[index];
  if (m_count == 0 || value < m_min) {
    m_min = value;
  }
  if (m_count == 0 || value > m_max) {
    m_max = value;
  }
  ++m_count;
  m_sum = saturating_add(m_sum, value);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.m_count == 0) {
    return;
  }
  if (other.m_counts.size() > m_counts.size()) {
    m_counts.resize(other.m_counts.size(), 0);
  }
  for (std::size_t i = 0; i < other.m_counts.size(); ++i) {
    m_counts[i] += other.m_counts[i];
  }
  m_min = m_count == 0 ? other.m_min : std::min(m_min, other.m_min);
  m_max = m_count == 0 ? other.m_max : std::max(m_max, other.m_max);
  m_count += other.m_count;
  m_sum = saturating_add(m_sum, other.m_sum);
}

double LatencyHistogram::mean() const {
  return m_count == 0 ? 0.0 : static_cast<double>(m_sum) / static_cast<double>(m_count);
}

std::int64_t LatencyHistogram::value_at_percentile(double p) const {
  if (m_count == 0) {
    return 0;
  }
  if (!(p > 0.0)) {
    return m_min;
  }
  if (p >= 100.0) {
    return m_max;
  }
  // Converting a double at or past 2^64 to an integer is undefined: clamp first.
  const double wanted =
      std::min(std::ceil(p / 100.0 * static_cast<double>(m_count)), static_cast<double>(m_count));
  const std::uint64_t rank = wanted >= 18446744073709551615.0
                                 ? m_count
                                 : std::clamp<std::uint64_t>(static_cast<std::uint64_t>(wanted), 1, m_count);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < m_counts.size(); ++i) {
    seen += m_counts[i];
    if (seen >= rank) {
      const std::int64_t middle = bucket_lower_bound(i) + (bucket_width(i) - 1) / 2;
      return std::clamp(middle, m_min, m_max);
    }
  }
  return m_max;
}

std::vector<std::pair<std::int64_t, std::uint64_t>> LatencyHistogram::used_buckets() const {
  std::vector<std::pair<std::int64_t, std::uint64_t>> used;
  for (std::size_t i = 0; i < m_counts.size(); ++i) {
    if (m_counts[i] != 0) {
      used.emplace_back(bucket_lower_bound(i), m_counts[i]);
    }
  }
  return used;
}

nlohmann::ordered_json LatencyHistogram::to_json() const {
  nlohmann::ordered_json json;
  json["count"] = m_count;
  json["min"] = min();
  json["max"] = max();
  json["sum"] = m_sum;
  auto& buckets = json["buckets"] = nlohmann::ordered_json::array();
  for (const auto& [lower, count] : used_buckets()) {
    buckets.push_back({lower, count});
  }
  return json;
}

LatencyHistogram LatencyHistogram::from_json(const nlohmann::json& json, const std::string& where) {
  namespace jf = json_fields;
  LatencyHistogram histogram;
  const std::uint64_t count = jf::count(json, "count", where);
  const std::int64_t min = jf::integer(json, "min", where);
  const std::int64_t max = jf::integer(json, "max", where);
  const std::int64_t sum = jf::integer(json, "sum", where);
  const std::string buckets_at = jf::child(where, "buckets");
  const auto& buckets = jf::array(jf::member(json, "buckets", where), buckets_at);
  std::uint64_t total = 0;
  std::int64_t previous = -1;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const auto& bucket = buckets[i];
    const std::string at = jf::child(buckets_at, i);
    if (!bucket.is_array() || bucket.size() != 2 || !bucket[0].is_number_integer() ||
        !bucket[1].is_number_unsigned() || bucket[1].get<std::uint64_t>() == 0) {
      throw JsonShapeError(at, "expected [lower_bound_us, count] with a count above 0");
    }
    const auto lower = bucket[0].get<std::int64_t>();
    if (lower < 0 || lower > k_highest_trackable || bucket_lower_bound(bucket_index(lower)) != lower) {
      throw JsonShapeError(at, std::to_string(lower) + " is not the lower bound of a histogram bucket");
    }
    if (lower <= previous) {
      throw JsonShapeError(at, "buckets must be in increasing order");
    }
    previous = lower;
    const std::size_t index = bucket_index(lower);
    histogram.m_counts.resize(index + 1, 0);
    histogram.m_counts[index] = bucket[1].get<std::uint64_t>();
    total += histogram.m_counts[index];
  }
  if (total != count) {
    throw JsonShapeError(jf::child(where, "count"), "count " + std::to_string(count) +
                                                        " is not the sum of the bucket counts (" +
                                                        std::to_string(total) + ")");
  }
  // min and max are exact; they must fall in the first and the last bucket used.
  const bool fits = count == 0 || (min >= 0 && min <= max && max <= k_highest_trackable &&
                                   bucket_index(max) == histogram.m_counts.size() - 1 &&
                                   bucket_index(min) == first_used(histogram.m_counts));
  if (!fits) {
    throw JsonShapeError(jf::child(where, "min"), "min and max do not fall in the first and last bucket");
  }
  if (sum < 0) {
    throw JsonShapeError(jf::child(where, "sum"), "sum must not be negative");
  }
  histogram.m_count = count;
  histogram.m_min = count == 0 ? 0 : min;
  histogram.m_max = count == 0 ? 0 : max;
  histogram.m_sum = sum;
  return histogram;
}

}  // namespace dharma::loadtest
