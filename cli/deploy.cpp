// `dharma deploy blue-green|status|history|rollback|abort|resume`
// (lib/dharma/api/deploy_api.hpp, docs/deploy.md).

#include "command.hpp"
#include "dharma/api/deploy_api.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("deploy", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto options = std::make_shared<api::DeployOptions>();
  auto to = std::make_shared<int>(0);
  auto* deploy =
      app.add_subcommand("deploy", "Blue-green releases through HAProxy, nginx or Kubernetes, journalled");
  deploy->require_subcommand(1);

  const auto add_common = [options](CLI::App* command, bool env_required = true) {
    auto* env =
        command
            ->add_option("--env", options->environment,
                         env_required ? "Environment to deploy to" : "Environment (default: every one)")
            ->check(non_empty("environment name", "name the environment"));
    if (env_required) {
      env->required();
    }
    command->add_option("--project", options->project, "Project, when the environment is in several");
    add_tenant_flag(*command, options->tenant);
  };
  const auto run = [options, &context,
                    &exit_code](int (*entry)(const api::DeployOptions&, api::CommandContext&)) {
    return [options, entry, &context, &exit_code] { exit_code = entry(*options, context); };
  };

  auto* blue_green =
      deploy->add_subcommand("blue-green", "Deploy a version to the idle colour and switch to it");
  blue_green->add_option("FILE", options->file, "Blueprint with a deploy: section")->required();
  add_common(blue_green);
  blue_green->add_option("--version", options->version, "Version to deploy ({version} in the start command)")
      ->required();
  blue_green->add_option("--driver", options->driver, "Load balancer driver (default: the deploy section's)")
      ->check(CLI::IsMember({"haproxy", "nginx", "kubernetes"}));
  blue_green->add_flag("--approve", options->approve,
                       "Approve the switch where the environment requires approval");
  blue_green->add_flag("--dry-run", options->dry_run, "Print the plan; start, switch and record nothing");
  blue_green
      ->add_option("--force", options->force,
                   "Deploy despite open hard guard findings; the reason is recorded")
      ->check(non_empty("reason", "say why the findings may be ignored"));
  blue_green->callback(run(api::deploy_blue_green));

  auto* status = deploy->add_subcommand(
      "status",
      "The active colour, the deployment in progress and the lease (every environment without --env)");
  add_common(status, false);
  add_format_flag(*status, options->format, {"text", "json"}, "text or json");
  status->callback(run(api::deploy_status));

  auto* history =
      deploy->add_subcommand("history", "Deployments, newest first (every environment's without --env)");
  add_common(history, false);
  add_format_flag(*history, options->format, {"text", "json"}, "text or json");
  history->add_option("--limit", options->limit, "How many deployments")->check(CLI::Range(1, 10000));
  history->callback(run(api::deploy_history));

  auto* rollback = deploy->add_subcommand("rollback", "Deploy again the version of an earlier deployment");
  add_common(rollback);
  auto* rollback_to =
      rollback->add_option("--to", *to, "Deployment number (default: the one before the active)")
          ->check(CLI::PositiveNumber);
  rollback->add_flag("--approve", options->approve,
                     "Approve the switch where the environment requires approval");
  rollback->callback([options, to, rollback_to, &context, &exit_code] {
    if (rollback_to->count() > 0) {
      options->to = *to;
    }
    exit_code = api::deploy_rollback(*options, context);
  });

  auto* abort = deploy->add_subcommand("abort", "Undo the deployment in progress (nothing when none is)");
  add_common(abort);
  abort->callback(run(api::deploy_abort));

  auto* resume =
      deploy->add_subcommand("resume", "Continue the deployment in progress from its first step not done");
  add_common(resume);
  resume->add_flag("--approve", options->approve,
                   "Approve the switch where the environment requires approval");
  resume->callback(run(api::deploy_resume));
});

}  // namespace dharma::cli
