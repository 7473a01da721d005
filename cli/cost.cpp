// `dharma cost FILE` and `dharma cost diff OLD NEW`: offline cost estimates,
// budgets and cost diffs (docs/cost.md).

#include "command.hpp"
#include "dharma/api/cost_api.hpp"
#include "dharma/util/error.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {
namespace {

void add_shared_flags(CLI::App& command, api::CostOptions& options) {
  add_resolve_flags(command, options.resolve);
  command.add_option("--usage", options.usage_file, "YAML file of usage quantities (GB stored, requests...)")
      ->check(non_empty("file name", "give the usage file or leave the flag out"));
  add_format_flag(command, options.format, {"table", "json", "markdown", "html"},
                  "table, json, markdown or html");
  command.add_option("--out", options.out, "Write the report to FILE (atomically) instead of stdout");
  command.add_option("--fail-above", options.fail_above,
                     "Diffs: exit 1 when the monthly cost rises by more than AMOUNT USD");
  command.add_option("--fail-above-percent", options.fail_above_percent,
                     "Diffs: exit 1 when the monthly cost rises by more than N percent");
  command.add_option(
      "--redis-url", options.redis_url,
      "Cache parsed price catalogs in this Redis (else DHARMA_REDIS_URL, dharma.yaml redis.url; "
      "no cache when none is set)");
  add_no_cache_flag(command, options.no_cache, "Parse the price catalogs, never use the Redis cache");
}

}  // namespace

DHARMA_COMMAND("cost", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  struct State {
    api::CostOptions options;
  };
  auto state = std::make_shared<State>();

  auto* cost = app.add_subcommand("cost", "Estimate monthly cost offline; check budgets; diff costs");
  cost->add_option("FILE", state->options.file, "Blueprint file");
  add_shared_flags(*cost, state->options);
  cost->add_option("--budget", state->options.budget, "Exit 1 when the monthly total exceeds AMOUNT USD");
  cost->add_flag("--strict", state->options.strict, "Exit 1 when any line cannot be priced");
  cost->add_flag("--recommend", state->options.recommend, "Add savings recommendations");
  cost->add_option("--compare-env", state->options.compare_env, "Diff this environment's cost against --env")
      ->check(non_empty_environment());
  cost->require_subcommand(0, 1);

  auto* diff = cost->add_subcommand("diff", "Compare the cost of two blueprints");
  diff->add_option("OLD", state->options.old_file, "Blueprint file before the change")->required();
  diff->add_option("NEW", state->options.new_file, "Blueprint file after the change")->required();
  add_shared_flags(*diff, state->options);
  diff->callback([state, &context, &exit_code] { exit_code = api::cost_diff(state->options, context); });

  cost->callback([state, diff, &context, &exit_code] {
    if (diff->parsed()) {
      return;
    }
    if (state->options.file.empty()) {
      throw util::Error(
          "dharma cost needs a blueprint FILE (or `dharma cost diff OLD NEW`); see dharma cost --help");
    }
    if ((state->options.fail_above || state->options.fail_above_percent) &&
        state->options.compare_env.empty()) {
      throw util::Error(
          "--fail-above and --fail-above-percent apply to diffs: add --compare-env ENV or use "
          "`dharma cost diff OLD NEW`");
    }
    exit_code = api::cost_estimate(state->options, context);
  });
});

}  // namespace dharma::cli
