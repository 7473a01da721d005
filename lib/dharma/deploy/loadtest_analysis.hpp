#pragma once
// An analysis by load test: the scenario file's requests sent to the new
// colour (its `target` replaced by the driver's address for it: the first
// instance's http://HOST:PORT on hosts, the preview Service's URL on
// Kubernetes) by the load-test engine (loadtest/runner.hpp), and judged by
// the scenario's own thresholds. The verdict names every threshold with its
// observed value.

#include <string>

#include "dharma/deploy/deploy_config.hpp"
#include "dharma/deploy/health_gate.hpp"

namespace dharma::deploy {

// Runs `scenario_file` against `base_url`. Throws util::Error (exit 3) when
// it cannot be reached at the start (the engine's rule).
Verdict loadtest_analysis(const std::string& base_url, const std::string& scenario_file);

// Reads `scenario_file` as the analysis will; its problems go to `diagnostics`
// (a store scenario is one: analyses send HTTP to the colour).
void check_scenario(const std::string& scenario_file, util::Diagnostics& diagnostics);

}  // namespace dharma::deploy
