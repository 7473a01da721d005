#include "dharma/deploy/health_gate.hpp"

#include "dharma/deploy/http_probe.hpp"
#include "dharma/deploy/probe_loop.hpp"
#include "dharma/util/duration.hpp"

namespace dharma::deploy {
namespace {

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
  const GateRun run = run_gate(
      config.health, [&] { return check_once(config, colour); }, heartbeat);
  Verdict verdict{run.passed, "", run.checks};
  verdict.observed =
      run.passed ? std::to_string(run.in_a_row) + " checks in a row passed on " +
                       instances_text(config, colour) + " after " + std::to_string(run.checks) + " checks"
                 : "not healthy within " + util::format_duration(config.health.deadline) + " (" +
                       std::to_string(run.checks) + " checks, " + std::to_string(run.in_a_row) + " of " +
                       std::to_string(config.health.successes) +
                       " passes in a row); last failure: " + run.last_failure;
  return verdict;
}

Verdict analyse(const DeployConfig& config, const std::string& colour, const Analysis& analysis,
                const Heartbeat& heartbeat) {
  const ChecksRun run = run_checks(
      analysis, [&] { return check_once(config, colour); }, heartbeat);
  return {run.passed,
          run.passed ? std::to_string(analysis.checks) + "/" + std::to_string(analysis.checks) +
                           " checks passed on " + instances_text(config, colour)
                     : run.failure,
          run.checks};
}

}  // namespace dharma::deploy
