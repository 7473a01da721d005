// `dharma generate`: Terraform and Kubernetes files from a blueprint.

#include "command.hpp"
#include "dharma/api/generate_api.hpp"
#include "dharma/util/error.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("generate", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto options = std::make_shared<api::GenerateOptions>();
  auto* command = app.add_subcommand("generate", "Write Terraform and Kubernetes files for a blueprint");
  auto mappings = std::make_shared<bool>(false);
  command->add_option("FILE", options->file, "Blueprint file");
  command->add_flag(
      "--mappings", *mappings,
      "Print the catalog's provider mapping tables (Markdown, as in docs/generate.md) and exit");
  add_resolve_flags(*command, options->resolve);
  command->add_option("--target", options->target, "What to generate")
      ->check(CLI::IsMember({"terraform", "kubernetes", "all"}))
      ->default_val("all");
  command->add_option("--out", options->out, "Output directory (DIR/terraform, DIR/kubernetes)");
  command->add_option("--tf-format", options->tf_format, "Terraform syntax")
      ->check(CLI::IsMember({"hcl", "json"}))
      ->default_val("hcl");
  add_k8s_layout_flag(*command, options->k8s_layout);
  command->add_flag("--include-secrets", options->include_secrets,
                    "Require every sensitive parameter and write their values to "
                    "DIR/terraform/secrets.auto.tfvars.json (mode 0600)");
  command->add_flag("--check", options->check,
                    "Write nothing: print a unified diff of out-of-date files and exit 1 if there are any");
  command->callback([options, mappings, &context, &exit_code] {
    if (*mappings) {
      exit_code = api::generate_mappings(*options, context);
      return;
    }
    const bool stream = options->k8s_layout == k_k8s_layout_stream;
    if (options->file.empty() || (options->out.empty() && !stream)) {
      throw util::Error(std::string(options->file.empty() ? "FILE" : "--out") +
                        " is required\nRun 'dharma generate --help' for usage.");
    }
    exit_code = api::generate_files(*options, context);
  });
});

}  // namespace dharma::cli
