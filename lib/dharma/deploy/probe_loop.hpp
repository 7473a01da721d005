#pragma once
// The two ways dharma deploy checks a colour, whatever the probe is (an HTTP
// GET of each instance on hosts, `kubectl get --raw` through the preview
// Service on Kubernetes): the health gate repeats the probe until
// `successes` pass in a row or the deadline would pass; an analysis probes
// `checks` times and stops at the first failure. Each caller words the
// verdict itself.

#include <functional>
#include <string>

#include "dharma/deploy/deploy_config.hpp"

namespace dharma::deploy {

// Called between checks (the state machine renews its lease there).
using Heartbeat = std::function<void()>;
// One check: empty when it passed, else what failed.
using Probe = std::function<std::string()>;

struct GateRun {
  bool passed = false;
  int checks = 0;    // probes made
  int in_a_row = 0;  // passes in a row at the end
  std::string last_failure = "no check ran";
};

// Probes every `health.interval` until `health.successes` pass in a row, or
// until the next wait would end after `health.deadline`.
GateRun run_gate(const HealthCheck& health, const Probe& probe, const Heartbeat& heartbeat);

struct ChecksRun {
  bool passed = false;
  int checks = 0;
  std::string failure;  // "check 2 of 5: WHAT FAILED" when one failed
};

// Probes `analysis.checks` times, `analysis.interval` apart; the first failure ends it.
ChecksRun run_checks(const Analysis& analysis, const Probe& probe, const Heartbeat& heartbeat);

}  // namespace dharma::deploy
