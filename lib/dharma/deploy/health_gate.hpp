#pragma once
// Whether a colour is healthy: its every instance answers the health check's
// path with the expected status. The gate waits for `successes` passes in a
// row (within `deadline`); an analysis wants `checks` passes with no failure.
// Both return what they saw, so a failure names the instance and the values.

#include <string>

#include "dharma/deploy/deploy_config.hpp"
#include "dharma/deploy/probe_loop.hpp"

namespace dharma::deploy {

struct Verdict {
  bool passed = false;
  std::string observed;  // "3/3 checks passed on 127.0.0.1:18091" or the failing instance and its answer
  int checks = 0;
};

Verdict health_gate(const DeployConfig& config, const std::string& colour, const Heartbeat& heartbeat);
Verdict analyse(const DeployConfig& config, const std::string& colour, const Analysis& analysis,
                const Heartbeat& heartbeat);

}  // namespace dharma::deploy
