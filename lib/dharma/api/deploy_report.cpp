#include "dharma/api/deploy_report.hpp"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

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

nlohmann::json lease_json(const std::optional<deploy::LeaseHolder>& lease) {
  return lease
             ? nlohmann::json{{"holder", lease->holder}, {"since", lease->since}, {"expires", lease->expires}}
             : nlohmann::json(nullptr);
}

// What status knows of one environment, read once for both formats.
struct EnvironmentState {
  std::optional<deploy::DeploymentRecord> active;
  std::optional<deploy::DeploymentRecord> unfinished;
  std::optional<deploy::LeaseHolder> lease;
  std::optional<deploy::DeploymentRecord> latest;
};

EnvironmentState read_state(deploy::Journal& journal, const std::string& environment_id) {
  EnvironmentState state{journal.last_succeeded(environment_id), journal.latest_unfinished(environment_id),
                         journal.lease(environment_id), std::nullopt};
  auto latest = journal.history(environment_id, 1);
  if (!latest.empty()) {
    state.latest = std::move(latest.front());
  }
  return state;
}

nlohmann::json state_json(const EnvironmentState& state, const std::string& environment) {
  return {
      {"environment", environment},
      {"active", state.active ? deployment_json(*state.active, false) : nlohmann::json(nullptr)},
      {"in_progress", state.unfinished ? deployment_json(*state.unfinished, true) : nlohmann::json(nullptr)},
      {"latest", state.latest ? deployment_json(*state.latest, true) : nlohmann::json(nullptr)},
      {"lease", lease_json(state.lease)}};
}

std::string lease_text(const std::optional<deploy::LeaseHolder>& lease) {
  return lease ? "held by " + lease->holder + " since " + lease->since + " until " + lease->expires
               : std::string("free");
}

// "#7 v3 to blue in progress (step switch)" or "#6 v2 to green succeeded".
std::string deployment_text(const EnvironmentState& state) {
  const auto& record = state.unfinished ? state.unfinished : state.latest;
  if (!record) {
    return "none";
  }
  return "#" + std::to_string(record->number) + " " + record->version + " to " + record->colour + " " +
         (state.unfinished ? "in progress (step " + record->current_step + ")" : record->status);
}

}  // namespace

void print_status(deploy::Journal& journal, const std::string& environment_id, const std::string& environment,
                  const std::string& format, std::ostream& out) {
  const EnvironmentState state = read_state(journal, environment_id);
  if (format == "json") {
    out << state_json(state, environment).dump(2) << '\n';
    return;
  }
  out << "environment " << environment << '\n';
  if (state.active) {
    out << "active: " << state.active->colour << " runs " << state.active->version << " (deployment #"
        << state.active->number << ")\n";
  } else {
    out << "active: nothing deployed yet\n";
  }
  out << "in progress: "
      << (state.unfinished ? "deployment #" + std::to_string(state.unfinished->number) + " at step " +
                                 state.unfinished->current_step
                           : std::string("none"))
      << '\n';
  out << "lease: " << lease_text(state.lease) << '\n';
  if (state.latest) {
    print_deployment(*state.latest, out);
  }
}

void print_status_all(deploy::Journal& journal, const std::vector<deploy::EnvironmentRef>& environments,
                      const std::string& format, std::ostream& out) {
  std::vector<EnvironmentState> states;
  for (const auto& environment : environments) {
    states.push_back(read_state(journal, environment.id));
  }
  if (format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (std::size_t i = 0; i < environments.size(); ++i) {
      nlohmann::json item = state_json(states[i], environments[i].name);
      item["project"] = environments[i].project;
      items.push_back(std::move(item));
    }
    out << nlohmann::json{{"environments", items}}.dump(2) << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows{
      {"PROJECT", "ENVIRONMENT", "ACTIVE", "VERSION", "DEPLOYMENT", "LEASE"}};
  for (std::size_t i = 0; i < environments.size(); ++i) {
    const auto& state = states[i];
    rows.push_back({environments[i].project, environments[i].name, state.active ? state.active->colour : "-",
                    state.active ? state.active->version : "-", deployment_text(state),
                    lease_text(state.lease)});
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows) {
    for (std::size_t column = 0; column < row.size(); ++column) {
      widths[column] = std::max(widths[column], row[column].size());
    }
  }
  for (const auto& row : rows) {
    for (std::size_t column = 0; column + 1 < row.size(); ++column) {
      out << pad(row[column], widths[column]);
    }
    out << row.back() << '\n';
  }
}

void print_kubernetes_dry_run(const deploy::DeployConfig& config, const DeployOptions& options,
                              std::ostream& out) {
  using namespace deploy;
  const std::string colour = "green", old = "blue";
  const auto checks = [&](const char* what, const Analysis& analysis) {
    if (analysis.checks > 0) {
      out << "# " << what << ": " << analysis.checks << " times, every "
          << util::format_duration(analysis.interval) << ", exit 0 each\n"
          << command_line(kubectl_probe(config)) << '\n';
    }
    if (!analysis.loadtest.empty()) {
      out << "# " << what << ": load test " << std::filesystem::proximate(analysis.loadtest).string()
          << " against " << preview_url(config) << " (the preview Service); every threshold must pass\n";
    }
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
  checks("pre_promotion", config.pre_promotion);
  if (config.approval) {
    out << "# approval: required (--approve)\n";
  }
  out << "# switch\n"
      << command_line(kubectl_point_service(config, config.kubernetes.service, colour)) << '\n';
  checks("post_promotion", config.post_promotion);
  out << "# scale_down after " << util::format_duration(config.scale_down_delay) << '\n'
      << command_line(kubectl_scale_to_zero(config, old)) << '\n'
      << "# on failure: point " << config.kubernetes.service << " back at " << old << " if switched, then\n"
      << command_line(kubectl_scale_to_zero(config, colour)) << '\n';
}

namespace {

// `environments` empty: one environment's history; else the column ENVIRONMENT, row by row.
void print_history_rows(const std::vector<const deploy::DeploymentRecord*>& deployments,
                        const std::vector<std::string>& environments, const std::string& format,
                        std::ostream& out) {
  const bool with_environment = !environments.empty();
  if (format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const auto* record : deployments) {
      items.push_back(deployment_json(*record, false));
    }
    out << items.dump(2) << '\n';
    return;
  }
  std::size_t version_width = 7, environment_width = 11;
  for (const auto* record : deployments) {
    version_width = std::max(version_width, record->version.size());
  }
  for (const auto& environment : environments) {
    environment_width = std::max(environment_width, environment.size());
  }
  if (with_environment) {
    out << pad("ENVIRONMENT", environment_width);
  }
  out << pad("#", 4) << pad("VERSION", version_width) << pad("COLOUR", 6) << pad("STATUS", 11)
      << pad("STARTED", 20) << "REASON\n";
  for (std::size_t i = 0; i < deployments.size(); ++i) {
    const auto& record = *deployments[i];
    if (with_environment) {
      out << pad(environments[i], environment_width);
    }
    out << pad(std::to_string(record.number), 4) << pad(record.version, version_width)
        << pad(record.colour, 6) << pad(record.status, 11) << pad(record.started_at, 20)
        << (record.rollback_of
                ? "rollback to #" + std::to_string(*record.rollback_of) + (record.reason.empty() ? "" : "; ")
                : std::string())
        << record.reason << '\n';
  }
}

}  // namespace

void print_history(const std::vector<deploy::DeploymentRecord>& deployments, const std::string& format,
                   std::ostream& out) {
  std::vector<const deploy::DeploymentRecord*> records;
  for (const auto& record : deployments) {
    records.push_back(&record);
  }
  print_history_rows(records, {}, format, out);
}

void print_history_all(const std::vector<HistoryRow>& rows, const std::string& format, std::ostream& out) {
  if (format == "json") {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& row : rows) {
      nlohmann::json item = deployment_json(row.record, false);
      item["environment"] = row.environment.name;
      item["project"] = row.environment.project;
      items.push_back(std::move(item));
    }
    out << items.dump(2) << '\n';
    return;
  }
  bool several_projects = false;
  for (const auto& row : rows) {
    several_projects = several_projects || row.environment.project != rows.front().environment.project;
  }
  std::vector<const deploy::DeploymentRecord*> records;
  std::vector<std::string> environments;
  for (const auto& row : rows) {
    records.push_back(&row.record);
    environments.push_back(several_projects ? row.environment.project + "/" + row.environment.name
                                            : row.environment.name);
  }
  print_history_rows(records, environments, format, out);
}

}  // namespace dharma::api
