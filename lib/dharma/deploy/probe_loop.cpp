#include "dharma/deploy/probe_loop.hpp"

#include <chrono>
#include <thread>

namespace dharma::deploy {

GateRun run_gate(const HealthCheck& health, const Probe& probe, const Heartbeat& heartbeat) {
  using Clock = std::chrono::steady_clock;
  GateRun run;
  const auto started = Clock::now();
  for (;;) {
    ++run.checks;
    const std::string failure = probe();
    if (failure.empty()) {
      if (++run.in_a_row >= health.successes) {
        run.passed = true;
        return run;
      }
    } else {
      run.in_a_row = 0;
      run.last_failure = failure;
    }
    if (Clock::now() - started + health.interval > health.deadline) {
      return run;
    }
    heartbeat();
    std::this_thread::sleep_for(health.interval);
  }
}

ChecksRun run_checks(const Analysis& analysis, const Probe& probe, const Heartbeat& heartbeat) {
  ChecksRun run;
  for (int i = 0; i < analysis.checks; ++i) {
    ++run.checks;
    if (const std::string failure = probe(); !failure.empty()) {
      run.failure =
          "check " + std::to_string(i + 1) + " of " + std::to_string(analysis.checks) + ": " + failure;
      return run;
    }
    if (i + 1 < analysis.checks) {
      heartbeat();
      std::this_thread::sleep_for(analysis.interval);
    }
  }
  run.passed = true;
  return run;
}

}  // namespace dharma::deploy
