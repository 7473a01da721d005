#include "dharma/loadtest/schedule.hpp"

#include <algorithm>
#include <cmath>

namespace dharma::loadtest {
namespace {

double seconds(Duration duration) { return static_cast<double>(duration.count()) / 1e9; }

// Walks the stages: `start` is the level before the first stage.
template <typename OnStage>
void walk(const Executor& executor, double start, OnStage on_stage) {
  double from = start;
  Duration begin{};
  for (const auto& stage : executor.stages) {
    if (!on_stage(begin, stage.duration, from, stage.target)) {
      return;
    }
    begin += stage.duration;
    from = stage.target;
  }
}

double per_second(const Executor& executor, double rate) { return rate / seconds(executor.time_unit); }

}  // namespace

int vus_at(const Executor& executor, Duration elapsed) {
  if (executor.type == ExecutorType::constant_vus) {
    return elapsed < executor.duration ? executor.vus : 0;
  }
  double level = 0;
  walk(executor, executor.vus, [&](Duration begin, Duration length, double from, double to) {
    if (elapsed < begin + length) {
      const double fraction = length.count() > 0 ? seconds(elapsed - begin) / seconds(length) : 1.0;
      level = from + (to - from) * fraction;
      return false;
    }
    level = to;
    return true;
  });
  return elapsed >= executor.total_duration() ? 0 : static_cast<int>(std::lround(level));
}

double rate_at(const Executor& executor, Duration elapsed) {
  if (executor.type == ExecutorType::constant_arrival_rate) {
    return per_second(executor, executor.rate);
  }
  double level = 0;
  walk(executor, executor.start_rate, [&](Duration begin, Duration length, double from, double to) {
    if (elapsed < begin + length) {
      const double fraction = length.count() > 0 ? seconds(elapsed - begin) / seconds(length) : 1.0;
      level = from + (to - from) * fraction;
      return false;
    }
    level = to;
    return true;
  });
  return per_second(executor, level);
}

double arrivals_by(const Executor& executor, Duration elapsed) {
  elapsed = std::min(elapsed, executor.total_duration());
  if (executor.type == ExecutorType::constant_arrival_rate) {
    return per_second(executor, executor.rate) * seconds(elapsed);
  }
  double total = 0;
  walk(executor, executor.start_rate, [&](Duration begin, Duration length, double from, double to) {
    const Duration within = std::min(length, elapsed - begin);
    if (within.count() <= 0) {
      return false;
    }
    // The area under the straight ramp from `from` to `to`, up to `within`.
    const double t = seconds(within);
    const double slope = length.count() > 0 ? (to - from) / seconds(length) : 0;
    total += per_second(executor, from * t + slope * t * t / 2);
    return elapsed > begin + length;
  });
  return total;
}

Duration arrival_time(const Executor& executor, std::int64_t k) {
  const Duration end = executor.total_duration();
  if (executor.type == ExecutorType::constant_arrival_rate) {
    const double per_ns = per_second(executor, executor.rate) / 1e9;
    const double at = per_ns > 0 ? static_cast<double>(k) / per_ns : static_cast<double>(end.count());
    return at >= static_cast<double>(end.count()) ? end : Duration(static_cast<Duration::rep>(std::ceil(at)));
  }
  const double wanted = static_cast<double>(k);
  if (arrivals_by(executor, end) <= wanted) {
    return end;
  }
  // The first time at which more than k iterations are due: arrivals_by is
  // non-decreasing, so bisection finds it to the nanosecond.
  Duration low{0};
  Duration high = end;
  while (high - low > Duration(1)) {
    const Duration middle = low + (high - low) / 2;
    if (arrivals_by(executor, middle) > wanted) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return high;
}

}  // namespace dharma::loadtest
