// `dharma guard FILE...` and `dharma guard policies list|show|test`.

#include <iostream>

#include "command.hpp"
#include "dharma/api/guard_api.hpp"
#include "resolve_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND(300, [](CLI::App& app, GlobalOptions& global, int& exit_code) {
  auto* guard = app.add_subcommand("guard", "Check blueprints against guardrail policies (security, compliance, cost)");
  guard->require_subcommand(0, 1);
  auto options = std::make_shared<api::GuardOptions>();
  guard->add_option("FILE", options->files, "Blueprint files");
  add_resolve_flags(*guard, options->resolve);
  guard->add_option("--policies", options->policies.policy_dirs, "Extra policy directory (repeatable)")
      ->allow_extra_args(false);
  guard->add_option("--config", options->policies.config, "Configuration file (default: ./dharma.yaml if present)")
      ->check(non_empty("file name", "leave the flag out to use ./dharma.yaml"));
  guard->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "markdown"}))
      ->default_val("text");
  guard->add_option("--out", options->out, "Write the report to FILE instead of stdout");
  guard->add_option("--fail-on", options->fail_on,
                    "Exit 1 on a finding of this severity or above (default: hard enforcement, or critical/high)")
      ->check(CLI::IsMember({"critical", "high", "medium", "low", "info"}));
  guard->add_option("--only", options->only, "Run only these policy ids (comma-separated, repeatable)")
      ->allow_extra_args(false);
  guard->add_option("--skip", options->skip, "Do not run these policy ids (comma-separated, repeatable)")
      ->allow_extra_args(false);
  guard->add_option("--baseline", options->baseline, "Fail only on findings not recorded in this baseline file")
      ->check(non_empty("file name", "give the baseline file"));
  guard->add_option("--baseline-create", options->baseline_create, "Record today's findings in this baseline file");
  guard->callback([guard, options, &global, &exit_code] {
    if (!guard->get_subcommands().empty()) {
      return;
    }
    options->verbose = global.verbose;
    if (options->files.empty()) {
      throw CLI::RequiredError("FILE");
    }
    exit_code = api::run_guard(*options, std::cout);
  });

  auto* policies = guard->add_subcommand("policies", "List, show and test the policy packs");
  policies->require_subcommand(1);
  auto source = std::make_shared<api::PolicySource>();
  auto format = std::make_shared<std::string>("text");
  auto argument = std::make_shared<std::string>();
  policies->add_option("--policies", source->policy_dirs, "Extra policy directory (repeatable)")
      ->allow_extra_args(false);
  policies->add_option("--config", source->config, "Configuration file (default: ./dharma.yaml if present)")
      ->check(non_empty("file name", "leave the flag out to use ./dharma.yaml"));

  auto* list = policies->add_subcommand("list", "List every policy");
  list->add_option("--format", *format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->default_val("text");
  list->callback([source, format, &exit_code] { exit_code = api::list_policies(*source, *format, std::cout); });

  auto* show = policies->add_subcommand("show", "Show one policy: condition, parameters, remediation");
  show->add_option("ID", *argument, "Policy id, e.g. sec-001")->required();
  show->callback([source, argument, &exit_code] { exit_code = api::show_policy(*source, *argument, std::cout); });

  auto* test = policies->add_subcommand("test", "Run every policy against its pass/fail fixtures");
  test->add_option("DIR", *argument, "Test only the policies in DIR (default: the default pack and --policies)");
  test->callback([source, argument, &exit_code] {
    if (!argument->empty()) {
      source->no_default_pack = true;
      source->policy_dirs.push_back(*argument);
    }
    exit_code = api::test_policies(*source, std::cout);
  });
});

}  // namespace dharma::cli
