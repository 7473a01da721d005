// `dharma blueprint validate|show|graph|init|types`.

#include "command.hpp"
#include "dharma/api/blueprint_commands.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("blueprint", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto* blueprint = app.add_subcommand("blueprint", "Validate, show, graph and scaffold blueprints");
  blueprint->require_subcommand(1);
  auto options = std::make_shared<api::BlueprintOptions>();

  auto* validate =
      blueprint->add_subcommand("validate", "Check blueprints and report every problem with file:line:col");
  validate->add_option("FILE", options->files, "Blueprint files")->required();
  add_resolve_flags(*validate, options->resolve);
  validate->add_flag("--strict", options->resolve.strict, "Fail on warnings too");
  add_format_flag(*validate, options->format, {"text", "json"}, "Output format");
  validate->callback(
      [options, &context, &exit_code] { exit_code = api::blueprint_validate(*options, context); });

  auto* show =
      blueprint->add_subcommand("show", "Print the resolved blueprint (parameters bound, overlay merged)");
  show->add_option("FILE", options->file, "Blueprint file")->required();
  add_resolve_flags(*show, options->resolve);
  add_format_flag(*show, options->format, {"yaml", "json"}, "Output format");
  show->callback([options, &context, &exit_code] { exit_code = api::blueprint_show(*options, context); });

  auto* graph = blueprint->add_subcommand("graph", "Print the dependency graph");
  graph->add_option("FILE", options->file, "Blueprint file")->required();
  add_resolve_flags(*graph, options->resolve);
  add_format_flag(*graph, options->format, {"text", "dot", "mermaid"}, "Output format");
  graph->callback([options, &context, &exit_code] { exit_code = api::blueprint_graph(*options, context); });

  auto* init = blueprint->add_subcommand("init", "Write a commented starter blueprint");
  init->add_option("NAME", options->name, "Blueprint name (lower-case, digits, '-')")->required();
  init->add_option("--provider", options->provider, "aws, azure, gcp or kubernetes")->required();
  init->add_option("--out", options->out, "File to write (default NAME.yaml; '-' for stdout)");
  init->add_flag("--force", options->force, "Overwrite an existing file");
  init->callback([options, &context, &exit_code] { exit_code = api::blueprint_init(*options, context); });

  auto* types =
      blueprint->add_subcommand("types", "List the catalog's portable types, or one type's properties");
  types->add_option("TYPE", options->name, "A type such as compute.instance");
  add_format_flag(*types, options->format, {"text", "json"}, "Output format");
  types->callback([options, &context, &exit_code] { exit_code = api::blueprint_types(*options, context); });
});

}  // namespace dharma::cli
