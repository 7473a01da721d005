#pragma once
// Starting, stopping and checking a colour: what the state machine asks of a
// driver besides moving traffic (traffic_switch.hpp). On hosts (haproxy,
// nginx) that is the deploy section's start/stop commands and HTTP health
// checks of each instance; on Kubernetes, kubectl (kubernetes_driver.hpp).
// An analysis step is the same for both: the driver's checks, then, when the
// step names a scenario, a load test against the address the driver gives.

#include <memory>
#include <string>

#include "dharma/deploy/deploy_config.hpp"
#include "dharma/deploy/health_gate.hpp"
#include "dharma/util/process_runner.hpp"

namespace dharma::deploy {

class ColourControl {
 public:
  virtual ~ColourControl() = default;
  // Starts `colour` running `version`; returns what was done. Throws util::Error when it cannot.
  virtual std::string start(const std::string& colour, const std::string& version) = 0;
  // Stops `colour` (which runs `version`); nothing when it does not run.
  virtual void stop(const std::string& colour, const std::string& version) = 0;
  virtual Verdict health_gate(const std::string& colour, const Heartbeat& heartbeat) = 0;
  // The `analysis.checks` health checks of `colour` (called when there are any).
  virtual Verdict check(const std::string& colour, const Analysis& analysis, const Heartbeat& heartbeat) = 0;
  // The base URL a load-test analysis of `colour` sends its requests to.
  virtual std::string analysis_url(const std::string& colour) const = 0;

  // An analysis step: the checks, then the load test (loadtest_analysis.hpp) when they passed.
  Verdict analyse(const std::string& colour, const Analysis& analysis, const Heartbeat& heartbeat);
};

// The driver's colour control for `config`.
std::unique_ptr<ColourControl> make_colour_control(const DeployConfig& config,
                                                   util::ProcessRunner& processes);

}  // namespace dharma::deploy
