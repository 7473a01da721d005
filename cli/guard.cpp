// `dharma guard FILE...` and `dharma guard policies list|show|test`.

#include "command.hpp"
#include "dharma/api/guard_api.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("guard", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto* guard =
      app.add_subcommand("guard", "Check blueprints against guardrail policies (security, compliance, cost)");
  guard->require_subcommand(0, 1);
  auto options = std::make_shared<api::GuardOptions>();
  guard->add_option("FILE", options->files, "Blueprint files");
  add_resolve_flags(*guard, options->resolve);
  guard->add_option("--policies", options->policies.policy_dirs, "Extra policy directory (repeatable)")
      ->allow_extra_args(false);
  guard
      ->add_option("--config", options->policies.config,
                   "Configuration file (default: ./dharma.yaml if present)")
      ->check(non_empty("file name", "leave the flag out to use ./dharma.yaml"));
  add_format_flag(*guard, options->format, {"text", "json", "sarif", "junit", "markdown"}, "Output format");
  guard->add_option("--out", options->out, "Write the report to FILE instead of stdout");
  guard
      ->add_option(
          "--fail-on", options->fail_on,
          "Exit 1 on a finding of this severity or above (default: hard enforcement, or critical/high)")
      ->check(CLI::IsMember({"critical", "high", "medium", "low", "info"}));
  guard->add_option("--only", options->only, "Run only these policy ids (comma-separated, repeatable)")
      ->allow_extra_args(false);
  guard->add_option("--skip", options->skip, "Do not run these policy ids (comma-separated, repeatable)")
      ->allow_extra_args(false);
  guard
      ->add_option("--baseline", options->baseline,
                   "Fail only on findings not recorded in this baseline file")
      ->check(non_empty("file name", "give the baseline file"));
  guard->add_option("--baseline-create", options->baseline_create,
                    "Record today's findings in this baseline file");
  guard->callback([guard, options, &context, &exit_code] {
    if (!guard->get_subcommands().empty()) {
      return;
    }
    if (options->files.empty()) {
      throw CLI::RequiredError("FILE");
    }
    exit_code = api::guard_check(*options, context);
  });

  auto* policies = guard->add_subcommand("policies", "List, show and test the policy packs");
  policies->require_subcommand(1);
  auto policy_options = std::make_shared<api::GuardPoliciesOptions>();
  api::PolicySource* source = &policy_options->source;
  policies->add_option("--policies", source->policy_dirs, "Extra policy directory (repeatable)")
      ->allow_extra_args(false);
  policies->add_option("--config", source->config, "Configuration file (default: ./dharma.yaml if present)")
      ->check(non_empty("file name", "leave the flag out to use ./dharma.yaml"));

  auto* list = policies->add_subcommand("list", "List every policy");
  add_format_flag(*list, policy_options->format, {"text", "json", "markdown"}, "Output format");
  list->callback([policy_options, &context, &exit_code] {
    exit_code = api::guard_policies_list(*policy_options, context);
  });

  auto* show = policies->add_subcommand("show", "Show one policy: condition, parameters, remediation");
  show->add_option("ID", policy_options->id, "Policy id, e.g. sec-001")->required();
  show->callback([policy_options, &context, &exit_code] {
    exit_code = api::guard_policies_show(*policy_options, context);
  });

  auto* test = policies->add_subcommand("test", "Run every policy against its pass/fail fixtures");
  test->add_option("DIR", policy_options->dir,
                   "Test only the policies in DIR (default: the default pack and --policies)");
  test->callback([policy_options, &context, &exit_code] {
    exit_code = api::guard_policies_test(*policy_options, context);
  });
});

}  // namespace dharma::cli
