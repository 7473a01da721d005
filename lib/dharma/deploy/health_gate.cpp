#include "dharma/deploy/health_gate.hpp"

#include <thread>

#include "dharma/deploy/http_probe.hpp"
#include "dharma/util/duration.hpp"

namespace dharma::deploy {
namespace {

using Clock = std::chrono::steady_clock;

// One check of every instance: empty when all pass, else what failed.
std::string check_once(const DeployConfig& config, const std::string& colour) {
  for (int i = 0; i < config.instances; ++i) {
    const int port = config.ports.at(colour) + i;
    const auto result = probe_http(config.host, port, config.health.path, config.health.timeout);
    if (result.status != config.health.expect_status) {
      return "GET http://" + config.host + ":" + std::to_string(port) + config.health.path + " " +
             (result.status == 0 ? "failed: " + result.error : "answered " + std::to_string(result.status)) +
             " (expected " + std::to_string(config.health.expect_status) + ")";
    }
  }
  return {};
}

std::string instances_text(const DeployConfig& config, const std::string& colour) {
  return std::to_string(config.instances) + " instance" + (config.instances == 1 ? "" : "s") + " of " +
         colour + " from " + config.host + ":" + std::to_string(config.ports.at(colour));
}

}  // namespace

Verdict health_gate(const DeployConfig& config, const std::string& colour, const Heartbeat& heartbeat) {
  Verdict verdict;
  const auto started = Clock::now();
  int in_a_row = 0;
  std::string last_failure = "no check ran";
  for (;;) {
    ++verdict.checks;
    const std::string failure = check_once(config, colour);
    if (failure.empty()) {
      if (++in_a_row >= config.health.successes) {
        verdict.passed = true;
        verdict.observed = std::to_string(in_a_row) + " checks in a row passed on " +
                           instances_text(config, colour) + " after " + std::to_string(verdict.checks) +
                           " checks";
        return verdict;
      }
    } else {
      in_a_row = 0;
      last_failure = failure;
    }
    if (Clock::now() - started + config.health.interval > config.health.deadline) {
      verdict.observed = "not healthy within " + util::format_duration(config.health.deadline) + " (" +
                         std::to_string(verdict.checks) + " checks, " + std::to_string(in_a_row) + " of " +
                         std::to_string(config.health.successes) +
                         " passes in a row); last failure: " + last_failure;
      return verdict;
    }
    heartbeat();
    std::this_thread::sleep_for(config.health.interval);
  }
}

Verdict analyse(const DeployConfig& config, const std::string& colour, const Analysis& analysis,
                const Heartbeat& heartbeat) {
  Verdict verdict;
  for (int i = 0; i < analysis.checks; ++i) {
    ++verdict.checks;
    const std::string failure = check_once(config, colour);
    if (!failure.empty()) {
      verdict.observed =
          "check " + std::to_string(i + 1) + " of " + std::to_string(analysis.checks) + ": " + failure;
      return verdict;
    }
    if (i + 1 < analysis.checks) {
      heartbeat();
      std::this_thread::sleep_for(analysis.interval);
    }
  }
  verdict.passed = true;
  verdict.observed = std::to_string(analysis.checks) + "/" + std::to_string(analysis.checks) +
                     " checks passed on " + instances_text(config, colour);
  return verdict;
}

}  // namespace dharma::deploy
