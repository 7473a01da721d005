#include "dharma/api/loadtest_api.hpp"

#include <cstdlib>

#include "dharma/api/connections.hpp"
#include "dharma/api/state_session.hpp"
#include "dharma/loadtest/builtin_scenarios.hpp"
#include "dharma/loadtest/fixtures.hpp"
#include "dharma/loadtest/runner.hpp"
#include "dharma/loadtest/scenario_reader.hpp"
#include "dharma/state/local_stack.hpp"
#include "dharma/util/diagnosed_error.hpp"
#include "dharma/util/duration.hpp"
#include "dharma/util/error.hpp"

namespace dharma::api {
namespace {

loadtest::Duration duration_flag(const std::string& text, const std::string& flag) {
  const auto duration = util::parse_duration(text);
  if (!duration || duration->count() <= 0) {
    throw util::Error(flag + " must be a duration such as 30s, 5m or 1h30m, not '" + text + "'",
                      util::ExitCode::invalid_input);
  }
  return *duration;
}

void check_target(const std::string& target) {
  if (target != "store" && target.rfind("http://", 0) != 0 && target.rfind("https://", 0) != 0) {
    throw util::Error("--target must be 'store' or an http:// or https:// URL, not '" + target + "'",
                      util::ExitCode::invalid_input);
  }
}

loadtest::RunSettings run_settings(const LoadtestOptions& options, CommandContext& context) {
  const auto settings = resolve_connections(options.output.connection, context);
  loadtest::RunSettings run;
  run.database_url = settings.database.url;
  run.database_source = settings.database.source;
  run.redis_url = settings.redis.url;
  run.direct_url = settings.direct.url;
  if (const char* admin = std::getenv("DHARMA_PGBOUNCER_ADMIN_URL"); admin != nullptr && *admin != '\0') {
    run.pgbouncer_admin_url = admin;
  } else if (settings.from_local_stack) {
    run.pgbouncer_admin_url =
        state::local_stack_pgbouncer_admin_url(local_stack_directory(context)).value_or(std::string());
  }
  run.price_catalog_file = context.data_directory() / "pricing" / "aws.yaml";
  run.connect_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(
      duration_flag(options.connect_timeout, "--connect-timeout"));
  return run;
}

int run_and_report(const loadtest::Scenario& scenario, const LoadtestOptions& options,
                   CommandContext& context, loadtest::RunSettings settings) {
  if (!settings.http_base_url && scenario.target != "store") {
    settings.http_base_url = scenario.target;
  }
  if (settings.pgbouncer_admin_url.empty() && scenario.target == "store") {
    context.status().note(
        "PgBouncer's admin console is not known (set DHARMA_PGBOUNCER_ADMIN_URL): its "
        "signals are not sampled");
  }
  const auto report = loadtest::run_scenario(scenario, settings, context.status());
  // Outputs, storing and --compare are the report side's (loadtest_report_api.hpp).
  const int published = loadtest_publish(report, options.output, context, loadtest_text_summary(report));
  return loadtest::thresholds_passed(report) && !report.aborted ? published : 1;
}

}  // namespace

std::vector<std::string> loadtest_scenario_names() {
  return loadtest::builtin_scenario_names();
}

int loadtest_builtin(const LoadtestOptions& options, CommandContext& context) {
  loadtest::BuiltinOverrides overrides;
  overrides.vus = options.vus;
  if (options.duration) {
    overrides.duration = duration_flag(*options.duration, "--duration");
  }
  if (options.target) {
    check_target(*options.target);
    overrides.target = options.target;
  }
  auto scenario = loadtest::builtin_scenario(options.scenario, overrides);
  if (options.tenants) {
    scenario.tenants = *options.tenants;
  }
  return run_and_report(scenario, options, context, run_settings(options, context));
}

int loadtest_run(const LoadtestOptions& options, CommandContext& context) {
  util::Diagnostics diagnostics;
  auto scenario = loadtest::load_scenario(options.file, diagnostics);
  if (!scenario) {
    throw util::DiagnosedError(std::move(diagnostics), util::ExitCode::invalid_input);
  }
  auto settings = run_settings(options, context);
  if (options.target) {
    check_target(*options.target);
    if (*options.target != "store") {
      settings.http_base_url = options.target;
    }
  }
  if (options.tenants) {
    scenario->tenants = *options.tenants;
  }
  return run_and_report(*scenario, options, context, settings);
}

int loadtest_prepare(const LoadtestOptions& options, CommandContext& context) {
  auto& session = context.state_session(options.output.connection, true);
  const int count = options.tenants.value_or(10);
  if (options.cleanup) {
    const int removed = loadtest::cleanup_fixtures(session.settings.migration, session.store, session.cache);
    context.out() << "removed " << removed << " load-test tenant" << (removed == 1 ? "" : "s") << '\n';
    return 0;
  }
  context.status().step_started("seeding " + std::to_string(count) + " load-test tenants");
  const auto fixtures = loadtest::prepare_fixtures(session.store, session.cache, count);
  context.out() << "prepared " << fixtures.size() << " load-test tenant" << (fixtures.size() == 1 ? "" : "s")
                << " (" << fixtures.front().slug << " to " << fixtures.back().slug << ")\n";
  return 0;
}

}  // namespace dharma::api
