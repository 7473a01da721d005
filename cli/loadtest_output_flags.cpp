#include "loadtest_output_flags.hpp"

#include "shared_flags.hpp"

namespace dharma::cli {

void add_loadtest_output_flags(CLI::App& command, api::LoadtestOutputOptions& options) {
  add_format_flag(command, options.format, {"text", "json"}, "text, or json: one document with every metric");
  command.add_option("--out", options.out, "Write the report as one self-contained HTML page to FILE")
      ->type_name("FILE");
  command
      .add_option("--prometheus", options.prometheus,
                  "Write the report in Prometheus text format to FILE (node_exporter textfile collector)")
      ->type_name("FILE");
  command.add_flag("--store", options.store,
                   "Keep the run in the state store for the tenant (loadtest runs)");
  auto* compare = command.add_option(
      "--compare", options.compare,
      "Compare each figure with the last stored run of the same scenario and target ('last') or with "
      "a report FILE");
  compare->type_name("last|FILE");
  command
      .add_option_function<std::string>(
          "--fail-on-regression",
          [&options](const std::string& text) {
            options.fail_on_regression = api::parse_fail_on_regression(text);
          },
          "With --compare: exit 1 when a figure is worse than before by more than PERCENT")
      ->type_name("PERCENT")
      ->check(CLI::Validator(
          [](std::string& text) {
            return api::parse_fail_on_regression(text)
                       ? std::string()
                       : "expected a percentage such as 10% (0 to 1000), not '" + text + "'";
          },
          "PERCENT"))
      ->needs(compare);
  add_tenant_flag(command, options.tenant, "Tenant slug for --store and --compare last (else DHARMA_TENANT)");
}

}  // namespace dharma::cli
