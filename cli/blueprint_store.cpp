// `dharma blueprint push|pull|list|history|diff`: added to the `blueprint` command that
// cli/blueprint.cpp registers (order 100), so the store's subcommands live
// beside their library (lib/dharma/api/blueprint_store_api.hpp).

#include "command.hpp"
#include "dharma/api/blueprint_store_api.hpp"
#include "resolve_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND(101, [](CLI::App& app, GlobalOptions& /*global*/, int& exit_code) {
  CLI::App* blueprint = app.get_subcommand("blueprint");
  auto options = std::make_shared<api::BlueprintStoreOptions>();
  auto target = std::make_shared<std::string>();
  auto add_no_cache = [options](CLI::App* command) {
    command->add_flag("--no-cache", options->no_cache, "Read from PostgreSQL only, never from the cache");
  };

  auto* push = blueprint->add_subcommand("push", "Store a new version of a blueprint in the state store");
  push->add_option("FILE", *target, "Blueprint file")->required();
  push->add_option("--project", options->project,
                   "Project the blueprint belongs to (default: the project already holding its name, or the "
                   "tenant's only project)");
  push->add_option("--tenant", options->tenant, "Tenant slug (else DHARMA_TENANT)")
      ->check(non_empty("tenant slug", "leave the flag out to use DHARMA_TENANT"));
  add_no_cache(push);
  add_resolve_flags(*push, options->resolve, "Environment overlay to validate with");
  push->callback([options, target, &exit_code] { exit_code = api::blueprint_push(*target, *options); });

  auto* pull = blueprint->add_subcommand("pull", "Write a stored version exactly as it was pushed");
  pull->add_option("NAME", *target, "[PROJECT/]NAME[@VERSION], as blueprint list prints it")->required();
  pull->add_option("--project", options->project, "Project (default: the one holding NAME)");
  pull->add_option("--tenant", options->tenant, "Tenant slug (else DHARMA_TENANT)")
      ->check(non_empty("tenant slug", "leave the flag out to use DHARMA_TENANT"));
  add_no_cache(pull);
  pull->add_option("--out", options->out, "Write to FILE instead of stdout");
  pull->callback([options, target, &exit_code] { exit_code = api::blueprint_pull(*target, *options); });

  auto* list = blueprint->add_subcommand("list", "List the tenant's stored blueprints");
  list->add_option("--project", options->project, "Only this project");
  list->add_option("--tenant", options->tenant, "Tenant slug (else DHARMA_TENANT)")
      ->check(non_empty("tenant slug", "leave the flag out to use DHARMA_TENANT"));
  add_no_cache(list);
  list->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  list->callback([options, &exit_code] { exit_code = api::blueprint_list(*options); });

  auto* history = blueprint->add_subcommand("history", "List the stored versions of a blueprint");
  history->add_option("NAME", *target, "[PROJECT/]NAME")->required();
  history->add_option("--project", options->project, "Project (default: the one holding NAME)");
  history->add_option("--tenant", options->tenant, "Tenant slug (else DHARMA_TENANT)")
      ->check(non_empty("tenant slug", "leave the flag out to use DHARMA_TENANT"));
  add_no_cache(history);
  history->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  history->callback([options, target, &exit_code] { exit_code = api::blueprint_history(*target, *options); });

  auto second = std::make_shared<std::string>();
  auto* diff = blueprint->add_subcommand("diff", "Unified diff of two stored versions and their resource changes");
  diff->add_option("FROM", *target, "[PROJECT/]NAME@VERSION")->required();
  diff->add_option("TO", *second, "[PROJECT/]NAME@VERSION")->required();
  diff->add_option("--project", options->project, "Project (default: the one holding NAME)");
  diff->add_option("--tenant", options->tenant, "Tenant slug (else DHARMA_TENANT)")
      ->check(non_empty("tenant slug", "leave the flag out to use DHARMA_TENANT"));
  add_no_cache(diff);
  diff->callback([options, target, second, &exit_code] { exit_code = api::blueprint_diff(*target, *second, *options); });
});

}  // namespace dharma::cli
