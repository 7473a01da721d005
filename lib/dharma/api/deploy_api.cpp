// `dharma deploy`: loads what it needs (the deploy section, the state
// session, the load balancer), checks the refusals, holds the environment's
// lease while the state machine (deploy/blue_green.hpp) runs, and prints the
// outcome. The journal is the record; what is printed is read from it.

#include "dharma/api/deploy_api.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/api/deploy_report.hpp"
#include "dharma/api/guard_api.hpp"
#include "dharma/api/state_session.hpp"
#include "dharma/deploy/blue_green.hpp"
#include "dharma/deploy/colour_commands.hpp"
#include "dharma/deploy/colour_control.hpp"
#include "dharma/deploy/deploy_config.hpp"
#include "dharma/deploy/journal.hpp"
#include "dharma/deploy/kubernetes_manifest.hpp"
#include "dharma/deploy/loadtest_analysis.hpp"
#include "dharma/state/checksum.hpp"
#include "dharma/state/migration_set.hpp"
#include "dharma/state/names.hpp"
#include "dharma/state/schema_history.hpp"
#include "dharma/util/diagnosed_error.hpp"
#include "dharma/util/duration.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::api {
namespace {

using deploy::DeployConfig;
using deploy::DeploymentRecord;
using deploy::Journal;

// The deploy section of `file`, else of ./dharma.yaml, read for `environment`.
DeployConfig load_deploy_config(const std::string& file, const std::string& environment) {
  util::Diagnostics diagnostics;
  yaml::NodePtr root = yaml::load_file(file, diagnostics);
  const yaml::Node* section = root != nullptr ? root->find("deploy") : nullptr;
  yaml::NodePtr config_root;
  if (section == nullptr && !diagnostics.has_errors() && std::filesystem::exists("dharma.yaml")) {
    config_root = yaml::load_file("dharma.yaml", diagnostics);
    section = config_root != nullptr ? config_root->find("deploy") : nullptr;
  }
  if (diagnostics.has_errors()) {
    throw util::DiagnosedError(std::move(diagnostics), util::ExitCode::invalid_input);
  }
  if (section == nullptr) {
    throw util::Error(file + " has no deploy: section (nor has ./dharma.yaml): add one, see docs/deploy.md");
  }
  DeployConfig config = deploy::read_deploy_config(*section, environment, diagnostics);
  for (const auto* analysis : {&config.pre_promotion, &config.post_promotion}) {
    if (!analysis->loadtest.empty() && !diagnostics.has_errors()) {
      deploy::check_scenario(analysis->loadtest, diagnostics);
    }
  }
  if (diagnostics.has_errors()) {
    throw util::DiagnosedError(std::move(diagnostics), util::ExitCode::invalid_input);
  }
  return config;
}

struct Session {
  StateSession& state;
  std::string tenant_id;
  Journal journal;

  Session(const DeployOptions& options, CommandContext& context)
      : state(context.state_session(options.connection, true)),
        tenant_id(state.resolve_tenant(api::tenant_slug(options.tenant))),
        journal(state.store, tenant_id) {}
};

// Releases the lease on every way out of a command that took it.
class LeaseGuard {
 public:
  LeaseGuard(Journal& journal, std::string environment_id)
      : m_journal(journal), m_environment(std::move(environment_id)) {}
  ~LeaseGuard() {
    try {
      m_journal.release_lease(m_environment);
    } catch (...) {  // the lease expires by itself
    }
  }
  LeaseGuard(const LeaseGuard&) = delete;
  LeaseGuard& operator=(const LeaseGuard&) = delete;

 private:
  Journal& m_journal;
  std::string m_environment;
};

void take_lease_or_refuse(Journal& journal, const std::string& environment_id, const std::string& environment,
                          deploy::Duration ttl) {
  if (auto holder = journal.take_lease(environment_id, ttl)) {
    throw util::Error("environment " + environment + " is being deployed by " + holder->holder + " since " +
                          holder->since +
                          (holder->expires.empty() ? "" : " (lease until " + holder->expires + ")") +
                          ": wait for it, or run `dharma deploy status --env " + environment + "`",
                      util::ExitCode::refused);
  }
}

std::string environment_or_fail(Session& session, const DeployOptions& options) {
  auto id = session.journal.find_environment(options.environment, options.project);
  if (!id) {
    throw util::Error("no deployments recorded for environment " + options.environment +
                      (options.project.empty() ? "" : " of project " + options.project));
  }
  return *id;
}

// Every environment of the tenant (of --project); util::Error (exit 2) when there is none.
std::vector<deploy::EnvironmentRef> environments_or_fail(Session& session, const DeployOptions& options) {
  auto environments = session.journal.environments(options.project);
  if (environments.empty()) {
    throw util::Error("no deployments recorded" +
                      (options.project.empty() ? std::string() : " in project " + options.project) +
                      ": deploy with `dharma deploy blue-green FILE --env ENV --version V`");
  }
  return environments;
}

std::optional<std::string> version_before(Journal& journal, const DeploymentRecord& deployment) {
  for (const auto& record : journal.history(deployment.environment_id, 50)) {
    if (record.number < deployment.number && record.status == "succeeded") {
      return record.version;
    }
  }
  return std::nullopt;
}

// Runs `deployment` (or aborts it) with the lease held; prints and returns the exit code.
int drive(Session& session, CommandContext& context, const DeploymentRecord& deployment, bool approve,
          bool abort, const std::string& environment) {
  auto traffic = deploy::make_traffic_switch(deployment.config, context.processes());
  auto colours = deploy::make_colour_control(deployment.config, context.processes());
  deploy::BlueGreen machine(session.journal, *traffic, *colours, context.status(), deployment,
                            version_before(session.journal, deployment));
  const std::string actor = deploy::this_process();
  const deploy::Result result = abort ? machine.abort(actor) : machine.run(approve, actor);
  const std::string label = "deployment #" + std::to_string(deployment.number) + " of " + deployment.version +
                            " to " + deployment.colour + " in " + environment;
  switch (result.outcome) {
    case deploy::Outcome::succeeded:
      context.out() << label << " succeeded: " << deployment.colour << " has all traffic\n";
      return 0;
    case deploy::Outcome::awaiting_approval:
      context.out() << label << " awaits approval: " << result.reason << '\n';
      throw util::Error(environment + " requires approval: run `dharma deploy resume --env " + environment +
                            " --approve` to switch, or `dharma deploy abort --env " + environment + "`",
                        util::ExitCode::refused);
    case deploy::Outcome::rolled_back:
      context.out() << label << (abort ? " aborted" : " rolled back") << ": traffic is back on "
                    << deployment.previous_colour.value_or("nothing") << '\n';
      break;
    case deploy::Outcome::failed:
      context.out() << label << (abort ? " aborted" : " failed") << '\n';
      break;
  }
  context.err() << "dharma: error: " << result.reason << '\n';
  return abort ? 0 : 1;
}

void refuse_pending_migrations(Session& session, CommandContext& context) {
  const auto files = state::load_migrations(context.data_directory() / "migrations");
  long long baseline = 0;
  const auto applied = session.journal.applied_migrations(baseline);
  const std::set<long long> done(applied.begin(), applied.end());
  std::vector<std::string> pending;
  for (const auto& file : files) {
    if (file.version > baseline && done.count(file.version) == 0) {
      pending.push_back(file.script);
    }
  }
  if (!pending.empty()) {
    std::string names;
    for (const auto& name : pending) {
      names += (names.empty() ? "" : ", ") + name;
    }
    throw util::Error("dharma's schema has " + std::to_string(pending.size()) + " pending migration(s) (" +
                          names + "): run `dharma db migrate` first",
                      util::ExitCode::refused);
  }
}

// Guard's default rule (open hard, critical or high findings) for `file` in the environment.
void refuse_guard_findings(const DeployOptions& options, CommandContext& context, const std::string& force) {
  std::ostringstream out, err;
  CommandContext guard_context(out, err, context);  // the catalog and mappings deploy already loaded
  guard_context.flags().no_color = true;
  GuardOptions guard;
  guard.files = {options.file};
  guard.resolve.environment = options.environment;
  const int code = guard_check(guard, guard_context);
  if (code == 0) {
    return;
  }
  if (!force.empty()) {
    context.status().warning("deploying despite guard findings (--force: " + force + ")");
    return;
  }
  context.err() << out.str();
  throw util::Error("guard finds open hard findings in " + options.file + " for " + options.environment +
                        " (above): fix them, or deploy with --force REASON (recorded)",
                    util::ExitCode::refused);
}

void print_dry_run(const DeployConfig& config, const DeployOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  out << "dry run: deploy " << options.version << " of " << config.service << " to " << options.environment
      << " with the " << config.driver
      << " driver (colours blue and green; the idle one is chosen from the journal)\n";
  for (const auto& colour : deploy::k_colours) {
    for (int i = 0; i < config.instances; ++i) {
      const int port = config.ports.at(colour) + i;
      out << "  start " << colour << " :" << port << ": "
          << deploy::substitute(config.start, config.service, colour, options.version, port) << '\n';
      out << "  stop  " << colour << " :" << port << ": "
          << deploy::substitute(config.stop, config.service, colour, options.version, port) << '\n';
    }
  }
  out << "  each start command may run " << util::format_duration(config.start_timeout)
      << ", each stop command " << util::format_duration(config.stop_timeout)
      << " (then its process group is killed)\n";
  out << "  health: GET " << config.health.path << " = " << config.health.expect_status << ", "
      << config.health.successes << " in a row, every " << util::format_duration(config.health.interval)
      << ", within " << util::format_duration(config.health.deadline) << '\n';
  out << "  pre_promotion: " << config.pre_promotion.checks
      << " checks; post_promotion: " << config.post_promotion.checks << " checks; scale_down_delay "
      << util::format_duration(config.scale_down_delay) << "; approval "
      << (config.approval ? "required" : "not required") << '\n';
  if (config.driver == "haproxy") {
    out << "  switch: set map " << config.haproxy.map << " " << config.service << " "
        << config.haproxy.backends.at("blue") << "|" << config.haproxy.backends.at("green") << " on "
        << config.haproxy.socket << '\n';
  } else {
    out << "  switch: write " << config.nginx.upstream_file << " (upstream " << config.nginx.upstream
        << "), nginx -t, nginx -s reload\n";
  }
}

DeploymentRecord unfinished_or_none(Session& session, const std::string& environment_id) {
  DeploymentRecord none;
  if (auto record = session.journal.latest_unfinished(environment_id)) {
    return std::move(*record);
  }
  return none;
}

// Starts a new deployment of `version` with `config` and runs it.
int start_deployment(Session& session, CommandContext& context, const DeployOptions& options,
                     DeployConfig config, const std::string& environment_id,
                     const std::string& blueprint_version_id, const std::string& version,
                     std::optional<int> rollback_of) {
  take_lease_or_refuse(session.journal, environment_id, options.environment, config.lease_ttl);
  LeaseGuard lease(session.journal, environment_id);
  if (auto unfinished = session.journal.latest_unfinished(environment_id)) {
    throw util::Error("deployment #" + std::to_string(unfinished->number) + " (" + unfinished->version +
                          " to " + unfinished->colour + ") of " + options.environment + " is unfinished (" +
                          unfinished->status + ", step " + unfinished->current_step + ", started " +
                          unfinished->started_at + "): run `dharma deploy resume --env " +
                          options.environment + "` or `dharma deploy abort --env " + options.environment +
                          "`",
                      util::ExitCode::refused);
  }
  const auto previous = session.journal.last_succeeded(environment_id);
  deploy::NewDeployment request;
  request.blueprint_version_id = blueprint_version_id;
  request.version = version;
  request.previous_colour = previous ? std::optional<std::string>(previous->colour) : std::nullopt;
  request.colour = previous ? deploy::other_colour(previous->colour) : "blue";
  request.started_by = deploy::this_process();
  request.force_reason = options.force;
  request.rollback_of = rollback_of;
  request.config = std::move(config);
  auto traffic = deploy::make_traffic_switch(request.config, context.processes());
  const auto active =
      traffic->active_colour();  // also proves the load balancer answers before anything starts
  if (request.config.driver != "kubernetes" && active != request.previous_colour) {
    context.status().warning("the load balancer sends " + request.config.service + " to " +
                             active.value_or("nothing") + ", the journal says " +
                             request.previous_colour.value_or("nothing"));
  }
  const DeploymentRecord deployment = session.journal.create(environment_id, request);
  session.journal.renew_lease(environment_id, request.config.lease_ttl, deployment.id);
  if (!options.force.empty()) {
    session.journal.log(deployment, "warn", "guard findings overridden with --force: " + options.force);
  }
  return drive(session, context, deployment, options.approve, false, options.environment);
}

}  // namespace

int deploy_blue_green(const DeployOptions& options, CommandContext& context) {
  if (!deploy::is_valid_version(options.version)) {
    throw util::Error("--version must be 1-128 of A-Z a-z 0-9 . _ + -, not '" + options.version + "'");
  }
  const auto resolved =
      load_blueprint_or_exit(context, options.file, ResolveOptions{options.environment, {}, {}, false, true});
  DeployConfig config = load_deploy_config(options.file, options.environment);
  if (!options.driver.empty() && options.driver != config.driver) {
    const bool configured = options.driver == "haproxy" ? !config.haproxy.socket.empty()
                            : options.driver == "nginx" ? !config.nginx.upstream_file.empty()
                                                        : !config.kubernetes.deployment.empty();
    if (!configured) {
      throw util::Error("--driver " + options.driver + ": the deploy section of " + options.file +
                        " has no " + options.driver + ": settings");
    }
    config.driver = options.driver;
  }
  if (config.driver == "kubernetes") {
    config.kubernetes.manifest = deploy::render_deployment(resolved, context.mappings(), config);
  }
  if (options.dry_run) {
    if (config.driver == "kubernetes") {
      print_kubernetes_dry_run(config, options, context.out());
    } else {
      print_dry_run(config, options, context);
    }
    return 0;
  }
  Session session(options, context);
  refuse_pending_migrations(session, context);
  const auto stored = session.journal.find_blueprint(
      resolved.metadata.name, state::sha256_hex(util::read_file(options.file)), options.project);
  if (!stored) {
    throw util::Error(options.file + " is not pushed: this content of blueprint " + resolved.metadata.name +
                          " is not in the state store. Run `dharma blueprint push " + options.file +
                          "` first",
                      util::ExitCode::refused);
  }
  refuse_guard_findings(options, context, options.force);
  const std::string environment_id =
      session.journal.ensure_environment(stored->project_id, options.environment, config.approval);
  return start_deployment(session, context, options, std::move(config), environment_id, stored->version_id,
                          options.version, std::nullopt);
}

int deploy_resume(const DeployOptions& options, CommandContext& context) {
  Session session(options, context);
  const std::string environment_id = environment_or_fail(session, options);
  const DeploymentRecord deployment = unfinished_or_none(session, environment_id);
  if (deployment.id.empty()) {
    context.out() << "nothing to resume in " << options.environment << '\n';
    return 0;
  }
  take_lease_or_refuse(session.journal, environment_id, options.environment, deployment.config.lease_ttl);
  LeaseGuard lease(session.journal, environment_id);
  session.journal.renew_lease(environment_id, deployment.config.lease_ttl, deployment.id);
  session.journal.log(deployment, "info", "resumed by " + deploy::this_process());
  return drive(session, context, deployment, options.approve, false, options.environment);
}

int deploy_abort(const DeployOptions& options, CommandContext& context) {
  Session session(options, context);
  const auto environment_id = session.journal.find_environment(options.environment, options.project);
  DeploymentRecord deployment;
  if (environment_id) {
    deployment = unfinished_or_none(session, *environment_id);
  }
  if (deployment.id.empty() || deployment.status == "succeeded") {
    context.out() << "nothing to abort in " << options.environment << ": no deployment in progress";
    if (!deployment.id.empty()) {
      context.out() << " (deployment #" << deployment.number << " succeeded; its old colour "
                    << deployment.previous_colour.value_or("")
                    << " is still to be stopped: run `dharma deploy resume --env " << options.environment
                    << "`)";
    }
    context.out() << '\n';
    return 0;
  }
  take_lease_or_refuse(session.journal, *environment_id, options.environment, deployment.config.lease_ttl);
  LeaseGuard lease(session.journal, *environment_id);
  session.journal.renew_lease(*environment_id, deployment.config.lease_ttl, deployment.id);
  return drive(session, context, deployment, false, true, options.environment);
}

int deploy_rollback(const DeployOptions& options, CommandContext& context) {
  Session session(options, context);
  const std::string environment_id = environment_or_fail(session, options);
  std::optional<DeploymentRecord> target;
  if (options.to) {
    target = session.journal.by_number(environment_id, *options.to);
    if (!target) {
      throw util::Error("no deployment #" + std::to_string(*options.to) + " in " + options.environment +
                        ": see `dharma deploy history --env " + options.environment + "`");
    }
    if (target->status != "succeeded") {
      throw util::Error("deployment #" + std::to_string(*options.to) + " " + target->status +
                        ": roll back only to a deployment that succeeded");
    }
  } else {
    const auto current = session.journal.last_succeeded(environment_id);
    for (const auto& record : session.journal.history(environment_id, 100)) {
      if (current && record.number < current->number && record.status == "succeeded" &&
          record.version != current->version) {
        target = record;
        break;
      }
    }
    if (!target) {
      throw util::Error("no earlier succeeded deployment of another version in " + options.environment +
                        " to roll back to");
    }
  }
  context.status().note("rolling back " + options.environment + " to " + target->version + " (deployment #" +
                        std::to_string(target->number) + ")");
  return start_deployment(session, context, options, target->config, environment_id,
                          target->blueprint_version_id, target->version, target->number);
}

int deploy_status(const DeployOptions& options, CommandContext& context) {
  Session session(options, context);
  if (options.environment.empty()) {
    print_status_all(session.journal, environments_or_fail(session, options), options.format, context.out());
    return 0;
  }
  const std::string environment_id = environment_or_fail(session, options);
  print_status(session.journal, environment_id, options.environment, options.format, context.out());
  return 0;
}

int deploy_history(const DeployOptions& options, CommandContext& context) {
  Session session(options, context);
  if (options.environment.empty()) {
    std::vector<HistoryRow> rows;
    for (const auto& environment : environments_or_fail(session, options)) {
      for (auto& record : session.journal.history(environment.id, options.limit)) {
        rows.push_back({environment, std::move(record)});
      }
    }
    // Newest first across environments; the same second: by environment, then number.
    std::stable_sort(rows.begin(), rows.end(), [](const HistoryRow& a, const HistoryRow& b) {
      return a.record.started_at > b.record.started_at;
    });
    if (rows.size() > static_cast<std::size_t>(options.limit)) {
      rows.resize(static_cast<std::size_t>(options.limit));
    }
    print_history_all(rows, options.format, context.out());
    return 0;
  }
  const std::string environment_id = environment_or_fail(session, options);
  print_history(session.journal.history(environment_id, options.limit), options.format, context.out());
  return 0;
}

}  // namespace dharma::api
