#include "dharma/api/deploy_report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "dharma/deploy/kubernetes_driver.hpp"
#include "dharma/deploy/kubernetes_manifest.hpp"
#include "dharma/util/duration.hpp"
#include "dharma/yaml/writer.hpp"

namespace dharma::api {
namespace {

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text + "  " : text + std::string(width - text.size() + 2, ' ');
}

nlohmann::json deployment_json(const deploy::DeploymentRecord& record, bool with_steps) {
  nlohmann::json json{
      {"number", record.number},
      {"version", record.version},
      {"colour", record.colour},
      {"previous_colour", record.previous_colour ? nlohmann::json(*record.previous_colour) : nullptr},
      {"status", record.status},
      {"step", record.current_step},
      {"switched", record.switched},
      {"reason", record.reason},
      {"force_reason", record.force_reason},
      {"rollback_of", record.rollback_of ? nlohmann::json(*record.rollback_of) : nullptr},
      {"driver", record.config.driver},
      {"started_by", record.started_by},
      {"started_at", record.started_at},
      {"finished_at", record.finished_at}};
  if (with_steps) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& step : record.steps) {
      steps.push_back({{"position", step.position},
                       {"name", step.name},
                       {"status", step.status},
                       {"detail", step.detail},
                       {"started_at", step.started_at},
                       {"finished_at", step.finished_at}});
    }
    json["steps"] = steps;
  }
  return json;
}

void print_deployment(const deploy::DeploymentRecord& record, std::ostream& out) {
  out << "deployment #" << record.number << ": " << record.version << " to " << record.colour << " ("
      << record.config.driver << "), " << record.status << ", started " << record.started_at << " by "
      << record.started_by << (record.finished_at.empty() ? "" : ", finished " + record.finished_at) << '\n';
  if (!record.reason.empty()) {
    out << "  reason: " << record.reason << '\n';
  }
  if (!record.force_reason.empty()) {
    out << "  forced: " << record.force_reason << '\n';
  }
  for (const auto& step : record.steps) {
    if (step.status == "pending" && (step.name == "switch_back" || step.name == "stop_new")) {
      continue;
    }
    std::string observed = step.detail.contains("observed") ? step.detail["observed"].get<std::string>() : "";
    out << "  " << pad(std::to_string(step.position), 2) << pad(step.name, 14) << pad(step.status, 9)
        << observed << '\n';
  }
}

}  // namespace

void print_status(deploy::Journal& journal, const std::string& environment_id, const std::string& environment,
                  const std::string& format, std::ostream& out) {
  const auto active = journal.last_succeeded(environment_id);
  const auto unfinished = journal.latest_unfinished(environment_id);
  const auto lease = journal.lease(environment_id);
  const auto latest = journal.history(environment_id, 1);
  if (format == "json") {
    nlohmann::json json{
        {"environment", environment},
        {"active", active ? deployment_json(*active, false) : nlohmann::json(nullptr)},
        {"in_progress", unfinished ? deployment_json(*unfinished, true) : nlohmann::json(nullptr)},
        {"latest", latest.empty() ? nlohmann::json(nullptr) : deployment_json(latest.front(), true)},
        {"lease",
         lease
             ? nlohmann::json{{"holder", lease->holder}, {"since", lease->since}, {"expires", lease->expires}}
             : nlohmann::json(nullptr)}};
    out << json.dump(2) << '\n';
    return;
  }
  out << "environment " << environment << '\n';
  if (active) {
    out << "active: " << active->colour << " runs " << active->version << " (deployment #" << active->number
        << ")\n";
  } else {
    out << "active: nothing deployed yet\n";
  }
  out << "in progress: "
      << (unfinished
              ? "deployment #" + std::to_string(unfinished->number) + " at step " + unfinished->current_step
              : std::string("none"))
      << '\n';
  out << "lease: "
      << (lease ? "held by " + lease->holder + " since " + lease->since + " until " + lease->expires
                : std::string("free"))
      << '\n';
  if (!latest.empty()) {
    print_deployment(latest.front(), out);
  }
}

void print_kubernetes_dry_run(const deploy::DeployConfig& config, const DeployOptions& options,
                              std::ostream& out) {
  using namespace deploy;
  const std::string colour = "green", old = "blue";
  const auto checks = [&](const char* what, int count, Duration interval) {
    out << "# " << what << ": " << count << " times, every " << util::format_duration(interval)
        << ", exit 0 each\n"
        << command_line(kubectl_probe(config)) << '\n';
  };
  out << "# dry run: deploy " << options.version << " of " << config.service << " to " << options.environment
      << " with the kubernetes driver, as if " << old << " were active (the journal decides)\n"
      << "# start " << colour << ": " << manifest_file(config, colour).string() << " holds\n"
      << yaml::to_yaml(colour_manifest(config, colour, options.version))
      << command_line(kubectl_apply(config, colour)) << '\n'
      << command_line(kubectl_rollout_status(config, colour)) << '\n'
      << command_line(kubectl_point_service(config, config.kubernetes.preview_service, colour)) << '\n'
      << "# health gate: until " << config.health.successes << " in a row, every "
      << util::format_duration(config.health.interval) << ", within "
      << util::format_duration(config.health.deadline) << '\n'
      << command_line(kubectl_probe(config)) << '\n';
  if (config.pre_promotion.checks > 0) {
    checks("pre_promotion", config.pre_promotion.checks, config.pre_promotion.interval);
  }
  if (config.approval) {
    out << "# approval: required (--approve)\n";
  }
  out << "# switch\n"
      << command_line(kubectl_point_service(config, config.kubernetes.service, colour)) << '\n';
  if (config.post_promotion.checks > 0) {
    checks("post_promotion", config.post_promotion.checks, config.post_promotion.interval);
  }
  out << "# scale_down after " << util::format_duration(config.scale_down_delay) << '\n'
      << command_line(kubectl_scale_to_zero(config, old)) << '\n'
      << "# on failure: point " << config.kubernetes.service << " back at " << old << " if switched, then\n"
      << command_line(kubectl_scale_to_zero(config, colour)) << '\n';
}

void print_history(const std::vector<deploy::DeploymentRecord>& deployments, const std::string& format,
                   std::ostream& out) {
  if (format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& record : deployments) {
      items.push_back(deployment_json(record, false));
    }
    out << items.dump(2) << '\n';
    return;
  }
  std::size_t version_width = 7;
  for (const auto& record : deployments) {
    version_width = std::max(version_width, record.version.size());
  }
  out << pad("#", 4) << pad("VERSION", version_width) << pad("COLOUR", 6) << pad("STATUS", 11)
      << pad("STARTED", 20) << "REASON\n";
  for (const auto& record : deployments) {
    out << pad(std::to_string(record.number), 4) << pad(record.version, version_width)
        << pad(record.colour, 6) << pad(record.status, 11) << pad(record.started_at, 20)
        << (record.rollback_of
                ? "rollback to #" + std::to_string(*record.rollback_of) + (record.reason.empty() ? "" : "; ")
                : std::string())
        << record.reason << '\n';
  }
}

}  // namespace dharma::api
