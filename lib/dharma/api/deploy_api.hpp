#pragma once
// Entry points for `dharma deploy blue-green|status|history|rollback|abort|resume`
// (docs/deploy.md): blue-green releases journalled in the state store, one
// per environment at a time, driven through HAProxy or nginx.

#include <optional>
#include <string>

#include "dharma/api/command_context.hpp"
#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct DeployOptions {
  std::string file;             // blue-green: the blueprint with a `deploy:` section
  std::string environment;      // --env (status, history: empty = every environment)
  std::string version;          // --version: what the start command runs ({version})
  std::string driver;           // --driver: overrides the section's driver when given
  bool approve = false;         // --approve: approval for an environment that requires it
  bool dry_run = false;         // --dry-run: print the plan, touch nothing
  std::string force;            // --force REASON: deploy despite open hard guard findings (recorded)
  std::optional<int> to;        // rollback --to N
  std::string project;          // --project: when the environment or blueprint is in several projects
  std::string tenant;           // --tenant slug; empty = DHARMA_TENANT
  std::string format = "text";  // status, history: text or json
  int limit = 20;               // history --limit
  state::ConnectionFlags connection;
};

// Deploys --version of FILE's service to the idle colour of --env. 0 when it
// succeeded, 1 when it failed or was rolled back (reason printed and
// recorded), 4 when refused (lease held, unfinished deployment, pending
// migrations, blueprint not pushed, guard findings without --force, approval
// required and not given).
int deploy_blue_green(const DeployOptions& options, CommandContext& context);
// The environment's active colour and version, the deployment in progress and the lease;
// without --env, one row (or JSON object) per environment of the tenant.
int deploy_status(const DeployOptions& options, CommandContext& context);
// The environment's deployments, newest first; without --env, every
// environment's, with an environment column.
int deploy_history(const DeployOptions& options, CommandContext& context);
// Deploys again what deployment --to N (default: the one before the last succeeded) deployed.
int deploy_rollback(const DeployOptions& options, CommandContext& context);
// Undoes the deployment in progress; with none, changes nothing and says so.
int deploy_abort(const DeployOptions& options, CommandContext& context);
// Continues the deployment in progress from its first step not done.
int deploy_resume(const DeployOptions& options, CommandContext& context);

}  // namespace dharma::api
