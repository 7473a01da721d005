#pragma once
// The deploy journal in PostgreSQL (migrations V005 and V014): deployments,
// their steps (written before and after each one runs, with what was
// observed), their logs and approvals, and the per-environment lease. Every
// call is one short transaction through state::Store, so it is safe behind
// PgBouncer's transaction pooling and a `kill -9` between two calls leaves
// a journal that says exactly which step was under way.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dharma/deploy/deploy_config.hpp"
#include "dharma/state/store.hpp"

namespace dharma::deploy {

// The steps of a blue-green deployment, in order; positions are 1-based.
inline const std::vector<std::string> k_steps{"plan",          "lock",        "start",   "health_gate",
                                              "pre_promotion", "approval",    "switch",  "post_promotion",
                                              "scale_down",    "switch_back", "stop_new"};
int step_position(const std::string& step);

struct StepRecord {
  int position = 0;
  std::string name;
  std::string status;  // pending, running, succeeded, failed, skipped
  nlohmann::json detail;
  std::string started_at;
  std::string finished_at;
};

struct DeploymentRecord {
  std::string id;
  int number = 0;
  std::string environment_id;
  std::string blueprint_version_id;
  std::string version;
  std::string colour;
  std::optional<std::string> previous_colour;
  std::string status;
  std::string current_step;
  bool switched = false;
  std::string reason;
  std::string force_reason;
  std::optional<int> rollback_of;
  std::string started_by;
  std::string started_at;
  std::string finished_at;
  DeployConfig config;
  std::vector<StepRecord> steps;

  const StepRecord* step(const std::string& name) const;
  // Not finished: a status other than succeeded/failed/rolled_back, or a
  // succeeded deployment whose old colour is not stopped yet.
  bool unfinished() const;
};

struct LeaseHolder {
  std::string holder;
  std::string since;
  std::string expires;
};

struct NewDeployment {
  std::string blueprint_version_id;
  std::string version;
  std::string colour;
  std::optional<std::string> previous_colour;
  std::string started_by;
  std::string force_reason;
  std::optional<int> rollback_of;
  DeployConfig config;
};

// An environment of the tenant, as `deploy status` and `history` without --env list them.
struct EnvironmentRef {
  std::string id;
  std::string name;
  std::string project;
};

struct StoredBlueprint {
  std::string version_id;
  std::string project_id;
  std::string project;
  int version = 0;
};

class Journal {
 public:
  Journal(state::Store& store, std::string tenant_id) : m_store(store), m_tenant(std::move(tenant_id)) {}

  // The stored version of blueprint `name` whose content hash is `hash` (in
  // `project` when not empty); nothing when it was never pushed. util::Error
  // (exit 2) when it is stored in more than one project and none is named.
  std::optional<StoredBlueprint> find_blueprint(const std::string& name, const std::string& hash,
                                                const std::string& project);
  // The id of environment `name` of `project_id`, created when missing.
  std::string ensure_environment(const std::string& project_id, const std::string& name,
                                 bool requires_approval);
  // The id of environment `name` (in `project` when not empty); nothing when none exists.
  std::optional<std::string> find_environment(const std::string& name, const std::string& project);
  // Every environment of the tenant (of `project` when not empty), by project and name.
  std::vector<EnvironmentRef> environments(const std::string& project);
  // Versions of migrations applied to dharma's schema (dharma_applied_migrations(), V014).
  std::vector<long long> applied_migrations(long long& baseline);

  // Takes the environment's lease for this process for `ttl`. Returns the
  // current holder instead when someone else holds it and it has neither
  // expired nor been left by a process that is gone from this host.
  std::optional<LeaseHolder> take_lease(const std::string& environment_id, Duration ttl);
  void renew_lease(const std::string& environment_id, Duration ttl, const std::string& deployment_id);
  void release_lease(const std::string& environment_id);
  // The lease's holder when it has not expired.
  std::optional<LeaseHolder> lease(const std::string& environment_id);

  DeploymentRecord create(const std::string& environment_id, const NewDeployment& deployment);
  std::optional<DeploymentRecord> latest_unfinished(const std::string& environment_id);
  std::optional<DeploymentRecord> last_succeeded(const std::string& environment_id);
  std::optional<DeploymentRecord> by_number(const std::string& environment_id, int number);
  std::vector<DeploymentRecord> history(const std::string& environment_id, int limit);

  void step_started(const DeploymentRecord& deployment, const std::string& step, const std::string& status);
  void step_finished(const DeploymentRecord& deployment, const std::string& step, const std::string& outcome,
                     const nlohmann::json& detail);
  void mark_switched(const DeploymentRecord& deployment, bool switched);
  void set_status(const DeploymentRecord& deployment, const std::string& status);
  void finish(const DeploymentRecord& deployment, const std::string& status, const std::string& reason);
  // Records why the deployment is being rolled back, before the rollback runs.
  void set_reason(const DeploymentRecord& deployment, const std::string& reason);
  void log(const DeploymentRecord& deployment, const std::string& level, const std::string& message);
  // Records an approval request (pending) once, or its decision.
  void request_approval(const DeploymentRecord& deployment, const std::string& requested_by);
  void approve(const DeploymentRecord& deployment, const std::string& approved_by);
  bool approved(const DeploymentRecord& deployment);

 private:
  std::optional<DeploymentRecord> one(const std::string& where, const std::string& environment_id,
                                      const std::string& extra = {});
  std::vector<DeploymentRecord> many(const std::string& where, const std::string& environment_id,
                                     const std::string& extra);

  state::Store& m_store;
  std::string m_tenant;
};

// "user@host pid N": who holds a lease or started a deployment.
std::string this_process();

}  // namespace dharma::deploy
