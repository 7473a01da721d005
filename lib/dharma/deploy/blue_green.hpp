#pragma once
// The blue-green state machine, the same for every host driver:
//
//   plan → lock → start the new colour → health gate → pre-promotion analysis
//   → approval (when required) → switch → post-promotion analysis
//   → [succeeded] → scale down the old colour
//   on any failure: switch back if switched, stop the new colour, exit 1.
//
// Each step is journalled before it runs (running) and after (succeeded,
// failed or skipped, with what was observed), so a process killed at any
// point leaves a deployment that `run` continues from its first step not
// done (a step found running is run again; each step is idempotent: start
// stops the colour first, switch sets the same map entry) and that `abort`
// undoes. A deployment that failed a step but was killed during its rollback
// is rolled back, not retried, by `run`.

#include <string>

#include "dharma/deploy/colour_control.hpp"
#include "dharma/deploy/journal.hpp"
#include "dharma/deploy/traffic_switch.hpp"
#include "dharma/util/status.hpp"

namespace dharma::deploy {

enum class Outcome { succeeded, failed, rolled_back, awaiting_approval };

struct Result {
  Outcome outcome = Outcome::succeeded;
  std::string reason;  // why it failed or waits, with the observed values
};

class BlueGreen {
 public:
  BlueGreen(Journal& journal, TrafficSwitch& traffic, ColourControl& colours, util::Status& status,
            DeploymentRecord deployment, std::optional<std::string> previous_version);

  // Runs the deployment from its first step not done. `approve`: --approve was given.
  Result run(bool approve, const std::string& actor);
  // Undoes an unfinished deployment: switch back if traffic may have moved, stop the new colour.
  Result abort(const std::string& actor);

 private:
  Result run_step(const std::string& step, bool approve, const std::string& actor);
  Result fail(const std::string& step, const std::string& reason);
  Result roll_back(const std::string& reason, const std::string& final_status);
  void heartbeat();
  std::string step_status(const std::string& step) const;
  void set_step_status(const std::string& step, const std::string& status);

  Journal& m_journal;
  TrafficSwitch& m_traffic;
  ColourControl& m_colours;
  util::Status& m_status;
  DeploymentRecord m_deployment;
  std::optional<std::string> m_previous_version;
};

}  // namespace dharma::deploy
