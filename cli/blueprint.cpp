// `dharma blueprint validate|show|graph|init|types`.

#include <iostream>

#include "command.hpp"
#include "dharma/api/blueprint_commands.hpp"
#include "resolve_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND(100, [](CLI::App& app, GlobalOptions& /*global*/, int& exit_code) {
  auto* blueprint = app.add_subcommand("blueprint", "Validate, show, graph and scaffold blueprints");
  blueprint->require_subcommand(1);

  struct State {
    api::ResolveOptions options;
    std::vector<std::string> files;
    std::string file;
    std::string format;
    std::string name;
    std::string provider;
    std::string out;
    bool force = false;
  };
  auto state = std::make_shared<State>();

  auto* validate = blueprint->add_subcommand("validate", "Check blueprints and report every problem with file:line:col");
  validate->add_option("FILE", state->files, "Blueprint files")->required();
  add_resolve_flags(*validate, state->options);
  validate->add_flag("--strict", state->options.strict, "Fail on warnings too");
  validate->add_option("--format", state->format, "Output format")->check(CLI::IsMember({"text", "json"}))->default_val("text");
  validate->callback([state, &exit_code] {
    exit_code = api::validate_blueprints(state->files, state->options, state->format, std::cout);
  });

  auto* show = blueprint->add_subcommand("show", "Print the resolved blueprint (parameters bound, overlay merged)");
  show->add_option("FILE", state->file, "Blueprint file")->required();
  add_resolve_flags(*show, state->options);
  show->add_option("--format", state->format, "Output format")->check(CLI::IsMember({"yaml", "json"}))->default_val("yaml");
  show->callback([state, &exit_code] {
    exit_code = api::show_blueprint(state->file, state->options, state->format, std::cout);
  });

  auto* graph = blueprint->add_subcommand("graph", "Print the dependency graph");
  graph->add_option("FILE", state->file, "Blueprint file")->required();
  add_resolve_flags(*graph, state->options);
  graph->add_option("--format", state->format, "Output format")
      ->check(CLI::IsMember({"text", "dot", "mermaid"}))
      ->default_val("text");
  graph->callback([state, &exit_code] {
    exit_code = api::graph_blueprint(state->file, state->options, state->format, std::cout);
  });

  auto* init = blueprint->add_subcommand("init", "Write a commented starter blueprint");
  init->add_option("NAME", state->name, "Blueprint name (lower-case, digits, '-')")->required();
  init->add_option("--provider", state->provider, "aws, azure, gcp or kubernetes")->required();
  init->add_option("--out", state->out, "File to write (default NAME.yaml; '-' for stdout)");
  init->add_flag("--force", state->force, "Overwrite an existing file");
  init->callback([state, &exit_code] {
    exit_code = api::init_blueprint(state->name, state->provider, state->out, state->force, std::cout);
  });

  auto* types = blueprint->add_subcommand("types", "List the catalog's portable types, or one type's properties");
  types->add_option("TYPE", state->name, "A type such as compute.instance");
  types->add_option("--format", state->format, "Output format")->check(CLI::IsMember({"text", "json"}))->default_val("text");
  types->callback([state, &exit_code] { exit_code = api::list_types(state->name, state->format, std::cout); });
});

}  // namespace dharma::cli
