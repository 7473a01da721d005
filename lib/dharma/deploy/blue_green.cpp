#include "dharma/deploy/blue_green.hpp"

#include <chrono>
#include <thread>

#include "dharma/util/duration.hpp"
#include "dharma/util/error.hpp"

namespace dharma::deploy {
namespace {

using Clock = std::chrono::steady_clock;

// The deployments.status a step runs under (V005's statuses).
std::string status_during(const std::string& step) {
  if (step == "start" || step == "health_gate") {
    return "deploying";
  }
  if (step == "approval") {
    return "awaiting_approval";
  }
  if (step == "switch" || step == "switch_back") {
    return "switching";
  }
  return "verifying";
}

long long elapsed_ms(Clock::time_point since) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - since).count();
}

}  // namespace

BlueGreen::BlueGreen(Journal& journal, TrafficSwitch& traffic, ColourControl& colours, util::Status& status,
                     DeploymentRecord deployment, std::optional<std::string> previous_version)
    : m_journal(journal),
      m_traffic(traffic),
      m_colours(colours),
      m_status(status),
      m_deployment(std::move(deployment)),
      m_previous_version(std::move(previous_version)) {}

std::string BlueGreen::step_status(const std::string& step) const {
  const StepRecord* record = m_deployment.step(step);
  return record == nullptr ? "pending" : record->status;
}

void BlueGreen::set_step_status(const std::string& step, const std::string& status) {
  for (auto& record : m_deployment.steps) {
    if (record.name == step) {
      record.status = status;
    }
  }
}

void BlueGreen::heartbeat() {
  m_journal.renew_lease(m_deployment.environment_id, m_deployment.config.lease_ttl, m_deployment.id);
}

Result BlueGreen::run(bool approve, const std::string& actor) {
  // Killed during a rollback, or after a step failed: finish the rollback.
  for (const auto& step : k_steps) {
    const std::string status = step_status(step);
    if (status == "failed" || ((step == "switch_back" || step == "stop_new") && status != "pending")) {
      return roll_back(m_deployment.reason.empty() ? "step " + step + " failed" : m_deployment.reason,
                       m_deployment.switched ? "rolled_back" : "failed");
    }
  }
  for (const auto& step : k_steps) {
    if (step == "switch_back") {
      break;
    }
    const std::string status = step_status(step);
    if (status == "succeeded" || status == "skipped") {
      continue;
    }
    Result result = run_step(step, approve, actor);
    if (result.outcome != Outcome::succeeded) {
      return result;
    }
  }
  return {};
}

Result BlueGreen::run_step(const std::string& step, bool approve, const std::string& actor) {
  const DeployConfig& config = m_deployment.config;
  const std::string& colour = m_deployment.colour;
  const auto started = Clock::now();
  const bool again = step_status(step) == "running";
  nlohmann::json detail = nlohmann::json::object();
  const auto done = [&](const std::string& outcome, const std::string& observed) {
    detail["observed"] = observed;
    detail["elapsed_ms"] = elapsed_ms(started);
    m_journal.step_finished(m_deployment, step, outcome, detail);
    set_step_status(step, outcome);
    m_status.step_finished(step + ": " + observed);
    return Result{};
  };
  const Heartbeat beat = [this] { heartbeat(); };

  if (step == "plan" || step == "lock") {
    return done("succeeded", step == "plan" ? "deploy " + m_deployment.version + " to " + colour
                                            : "lease held by " + this_process());
  }
  if (step == "approval" && !config.approval) {
    return done("skipped", "no approval required");
  }
  if ((step == "pre_promotion" && config.pre_promotion.empty()) ||
      (step == "post_promotion" && config.post_promotion.empty())) {
    return done("skipped", "no checks configured");
  }
  if (step == "scale_down" && !m_deployment.previous_colour) {
    return done("skipped", "no previous colour to stop");
  }

  m_journal.step_started(m_deployment, step,
                         m_deployment.status == "succeeded" ? "succeeded" : status_during(step));
  set_step_status(step, "running");
  m_status.step_started(step + (again ? " (again, after an interruption)" : ""));
  try {
    if (step == "start") {
      if (again) {
        m_colours.stop(colour, m_deployment.version);
      }
      return done("succeeded", m_colours.start(colour, m_deployment.version));
    }
    if (step == "health_gate" || step == "pre_promotion" || step == "post_promotion") {
      const Verdict verdict = step == "health_gate" ? m_colours.health_gate(colour, beat)
                              : step == "pre_promotion"
                                  ? m_colours.analyse(colour, config.pre_promotion, beat)
                                  : m_colours.analyse(colour, config.post_promotion, beat);
      detail["checks"] = verdict.checks;
      if (!verdict.passed) {
        detail["observed"] = verdict.observed;
        detail["elapsed_ms"] = elapsed_ms(started);
        m_journal.step_finished(m_deployment, step, "failed", detail);
        set_step_status(step, "failed");
        return fail(step,
                    step + " of " + colour + " (" + m_deployment.version + ") failed: " + verdict.observed);
      }
      done("succeeded", verdict.observed);
      if (step == "post_promotion") {
        m_journal.finish(m_deployment, "succeeded", "");
        m_deployment.status = "succeeded";
      }
      return {};
    }
    if (step == "approval") {
      if (approve) {
        m_journal.approve(m_deployment, actor);
      }
      if (!m_journal.approved(m_deployment)) {
        m_journal.request_approval(m_deployment, actor);
        m_journal.log(m_deployment, "info", "waiting for approval");
        return {Outcome::awaiting_approval, "the environment requires approval: " + colour + " (" +
                                                m_deployment.version +
                                                ") is running and healthy, traffic is unchanged"};
      }
      return done("succeeded", "approved");
    }
    if (step == "switch") {
      const std::string observed = m_traffic.switch_to(colour);
      m_journal.mark_switched(m_deployment, true);
      m_deployment.switched = true;
      return done("succeeded", observed);
    }
    if (step == "scale_down") {
      const std::string old = *m_deployment.previous_colour;
      const auto deadline = Clock::now() + config.scale_down_delay;
      long sessions = m_traffic.sessions(old);
      while (sessions != 0 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        heartbeat();
        sessions = m_traffic.sessions(old);
      }
      const std::string why =
          sessions == 0
              ? "its sessions reached 0"
              : "scale_down_delay " + util::format_duration(config.scale_down_delay) + " ended with " +
                    (sessions < 0 ? std::string("sessions unknown") : std::to_string(sessions) + " sessions");
      m_colours.stop(old, m_previous_version.value_or(""));
      detail["sessions_at_stop"] = sessions;
      return done("succeeded",
                  "stopped " + old + " after " + std::to_string(elapsed_ms(started)) + " ms: " + why);
    }
  } catch (const util::Error& error) {
    if (error.code() == util::ExitCode::refused) {
      throw;  // the lease is lost: another deploy acts on this environment now
    }
    detail["observed"] = error.what();
    detail["elapsed_ms"] = elapsed_ms(started);
    m_journal.step_finished(m_deployment, step, "failed", detail);
    set_step_status(step, "failed");
    if (step == "scale_down") {
      m_journal.log(m_deployment, "error", error.what());
      return {Outcome::failed,
              std::string("scale_down failed: ") + error.what() +
                  "; the new colour keeps all traffic — fix the stop command and run deploy resume"};
    }
    return fail(step, step + " failed: " + error.what());
  }
  throw std::logic_error("unknown deploy step " + step);
}

Result BlueGreen::fail(const std::string& step, const std::string& reason) {
  (void)step;
  m_journal.set_reason(m_deployment, reason);
  m_deployment.reason = reason;
  m_journal.log(m_deployment, "error", reason);
  m_status.warning(reason);
  return roll_back(reason, m_deployment.switched ? "rolled_back" : "failed");
}

Result BlueGreen::roll_back(const std::string& reason, const std::string& final_status) {
  const std::string switch_state = step_status("switch");
  const bool traffic_may_have_moved =
      m_deployment.switched || switch_state == "running" || switch_state == "succeeded";
  std::string status = final_status;
  // A step a killed process left running did not finish: say so before undoing it.
  for (const auto& step : k_steps) {
    if (step != "switch_back" && step != "stop_new" && step_status(step) == "running") {
      m_journal.step_finished(m_deployment, step, "failed",
                              {{"observed", "interrupted; rolled back: " + reason}});
      set_step_status(step, "failed");
    }
  }
  if (traffic_may_have_moved && m_deployment.previous_colour && step_status("switch_back") != "succeeded") {
    const auto started = Clock::now();
    m_journal.step_started(m_deployment, "switch_back", "switching");
    m_status.step_started("switch_back to " + *m_deployment.previous_colour);
    const std::string observed = m_traffic.switch_to(*m_deployment.previous_colour);
    m_journal.mark_switched(m_deployment, false);
    m_journal.step_finished(m_deployment, "switch_back", "succeeded",
                            {{"observed", observed}, {"elapsed_ms", elapsed_ms(started)}});
    set_step_status("switch_back", "succeeded");
    m_status.step_finished("switch_back: " + observed);
    status = "rolled_back";
  } else if (step_status("switch_back") == "succeeded") {
    status = "rolled_back";
  }
  if (step_status("stop_new") != "succeeded") {
    const auto started = Clock::now();
    m_journal.step_started(m_deployment, "stop_new", status == "rolled_back" ? "switching" : "deploying");
    m_status.step_started("stop_new " + m_deployment.colour);
    m_colours.stop(m_deployment.colour, m_deployment.version);
    const std::string observed = "stopped " + m_deployment.colour + " (" + m_deployment.version + ")";
    m_journal.step_finished(m_deployment, "stop_new", "succeeded",
                            {{"observed", observed}, {"elapsed_ms", elapsed_ms(started)}});
    set_step_status("stop_new", "succeeded");
    m_status.step_finished("stop_new: " + observed);
  }
  m_journal.finish(m_deployment, status, reason);
  return {status == "rolled_back" ? Outcome::rolled_back : Outcome::failed, reason};
}

Result BlueGreen::abort(const std::string& actor) {
  const std::string reason =
      "aborted by " + actor + " at step " +
      (m_deployment.current_step.empty() ? std::string("plan") : m_deployment.current_step);
  if (m_deployment.reason.empty()) {
    m_journal.set_reason(m_deployment, reason);
  }
  m_journal.log(m_deployment, "warn", reason);
  return roll_back(m_deployment.reason.empty() ? reason : m_deployment.reason + "; " + reason, "rolled_back");
}

}  // namespace dharma::deploy
