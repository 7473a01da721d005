// `dharma blueprint push|pull|list|history|diff`: added to the `blueprint`
// command that cli/blueprint.cpp registers (it comes first in
// k_command_order), so the store's subcommands live beside their library
// (lib/dharma/api/blueprint_store_api.hpp).

#include "command.hpp"
#include "dharma/api/blueprint_store_api.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("blueprint store", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  CLI::App* blueprint = app.get_subcommand("blueprint");
  auto options = std::make_shared<api::BlueprintStoreOptions>();
  auto add_tenant_and_cache = [options](CLI::App* command) {
    add_tenant_flag(*command, options->tenant);
    add_no_cache_flag(*command, options->no_cache);
  };

  auto* push = blueprint->add_subcommand("push", "Store a new version of a blueprint in the state store");
  push->add_option("FILE", options->file, "Blueprint file")->required();
  push->add_option("--project", options->project,
                   "Project the blueprint belongs to (default: the project already holding its name, or the "
                   "tenant's only project)");
  add_tenant_and_cache(push);
  add_resolve_flags(*push, options->resolve, "Environment overlay to validate with");
  push->callback([options, &context, &exit_code] { exit_code = api::blueprint_push(*options, context); });

  auto* pull = blueprint->add_subcommand("pull", "Write a stored version exactly as it was pushed");
  pull->add_option("NAME", options->reference, "[PROJECT/]NAME[@VERSION], as blueprint list prints it")
      ->required();
  pull->add_option("--project", options->project, "Project (default: the one holding NAME)");
  add_tenant_and_cache(pull);
  pull->add_option("--out", options->out, "Write to FILE instead of stdout");
  pull->callback([options, &context, &exit_code] { exit_code = api::blueprint_pull(*options, context); });

  auto* list = blueprint->add_subcommand("list", "List the tenant's stored blueprints");
  list->add_option("--project", options->project, "Only this project");
  add_tenant_and_cache(list);
  add_format_flag(*list, options->format, {"text", "json"}, "text or json", false);
  list->callback([options, &context, &exit_code] { exit_code = api::blueprint_list(*options, context); });

  auto* history = blueprint->add_subcommand("history", "List the stored versions of a blueprint");
  history->add_option("NAME", options->reference, "[PROJECT/]NAME")->required();
  history->add_option("--project", options->project, "Project (default: the one holding NAME)");
  add_tenant_and_cache(history);
  add_format_flag(*history, options->format, {"text", "json"}, "text or json", false);
  history->callback(
      [options, &context, &exit_code] { exit_code = api::blueprint_history(*options, context); });

  auto* diff =
      blueprint->add_subcommand("diff", "Unified diff of two stored versions and their resource changes");
  diff->add_option("FROM", options->from, "[PROJECT/]NAME@VERSION")->required();
  diff->add_option("TO", options->to, "[PROJECT/]NAME@VERSION")->required();
  diff->add_option("--project", options->project, "Project (default: the one holding NAME)");
  add_tenant_and_cache(diff);
  diff->callback([options, &context, &exit_code] { exit_code = api::blueprint_diff(*options, context); });
});

}  // namespace dharma::cli
