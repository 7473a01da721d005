#pragma once
// What the engine tells its recorder about each request and schedule slot.

#include <cstdint>

#include "dharma/loadtest/scenario.hpp"

namespace dharma::loadtest {

enum class CacheUse { none, hit, miss };

// The end of one request. Times are EventLoop::now_ns() values. In the open
// model `intended_ns` is when the schedule wanted the request to start, so
// its latency (finished - intended) includes any wait for a VU or a stalled
// server; in the closed model it is when the VU started it.
struct Sample {
  const RequestSpec* request = nullptr;
  std::int64_t intended_ns = 0;
  std::int64_t started_ns = 0;
  std::int64_t finished_ns = 0;
  bool ok = true;
  CacheUse cache = CacheUse::none;
};

class SampleSink {
 public:
  virtual ~SampleSink() = default;
  virtual void request_finished(const Sample& sample) = 0;
  // An open-model iteration found no free VU and the pool was at max_vus.
  virtual void iteration_dropped(std::int64_t intended_ns) = 0;
  // A request began more than k_late_start after its intended start.
  virtual void late_start(std::int64_t intended_ns, std::int64_t started_ns) = 0;
  // A request failed: `message` for the summary (the first few are kept).
  virtual void request_error(const RequestSpec& request, const std::string& message) = 0;
};

// How far behind its intended start a request may begin before it counts as late.
inline constexpr std::int64_t k_late_start_ns = 5'000'000;

}  // namespace dharma::loadtest
