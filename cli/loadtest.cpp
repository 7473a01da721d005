// `dharma loadtest baseline|stress|spike|soak|run FILE|prepare`
// (lib/dharma/api/loadtest_api.hpp, docs/loadtest.md).

#include "command.hpp"
#include "dharma/api/loadtest_api.hpp"
#include "loadtest_output_flags.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("loadtest", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto options = std::make_shared<api::LoadtestOptions>();
  auto* loadtest = app.add_subcommand("loadtest", "Load-test the state store or an HTTP service");
  loadtest->require_subcommand(1);

  auto add_run_flags = [options](CLI::App* command) {
    command->add_option("--vus", options->vus, "Peak virtual users (scales every stage)")
        ->check(CLI::Range(1, 100000));
    command->add_option("--duration", options->duration, "Run time, e.g. 30s or 5m (scales every stage)")
        ->check(non_empty("--duration", "leave the flag out for the scenario's own duration"));
    command->add_option("--target", options->target, "store (default) or an http(s):// base URL");
    command->add_option("--tenants", options->tenants, "How many prepared tenants the VUs spread over")
        ->check(CLI::Range(1, 1000));
    command->add_option("--connect-timeout", options->connect_timeout, "How long connecting may take (default 5s)");
    add_loadtest_output_flags(*command, options->output);
  };

  const std::vector<std::pair<std::string, std::string>> builtins{
      {"baseline", "Ramp to 100 VUs in 30 s, hold 5 min"},
      {"stress", "Ramp to 1,000 then 1,500 VUs"},
      {"spike", "Jump to 10,000 VUs for 1 min"},
      {"soak", "500 VUs for 30 min"},
  };
  for (const auto& [name, help] : builtins) {
    auto* command = loadtest->add_subcommand(name, help);
    add_run_flags(command);
    command->callback([options, name = name, &context, &exit_code] {
      options->scenario = name;
      exit_code = api::loadtest_builtin(*options, context);
    });
  }

  auto* run = loadtest->add_subcommand("run", "Run a scenario file");
  run->add_option("FILE", options->file, "Scenario file (YAML)")->required();
  add_run_flags(run);
  run->callback([options, &context, &exit_code] { exit_code = api::loadtest_run(*options, context); });

  auto* prepare = loadtest->add_subcommand("prepare", "Seed the tenants and blueprints store scenarios read");
  prepare->add_option("--tenants", options->tenants, "How many tenants (default 10)")->check(CLI::Range(1, 1000));
  prepare->add_flag("--cleanup", options->cleanup, "Remove every load-test tenant instead");
  prepare->callback([options, &context, &exit_code] { exit_code = api::loadtest_prepare(*options, context); });
});

}  // namespace dharma::cli
