// `dharma loadtest merge|report|runs`: what is done with load-test reports
// after the run (lib/dharma/api/loadtest_report_api.hpp). They are added to
// the `loadtest` command that cli/loadtest.cpp registers (it comes first in
// k_command_order); without it, this file makes the `loadtest` command.
// add_loadtest_output_flags declares the output flags a run shares with these.

#include "command.hpp"
#include "dharma/api/loadtest_report_api.hpp"
#include "loadtest_output_flags.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("loadtest report", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  CLI::App* loadtest = nullptr;
  try {
    loadtest = app.get_subcommand("loadtest");
  } catch (const CLI::OptionNotFound&) {
    loadtest = app.add_subcommand("loadtest", "Load-test the state store or an HTTP service");
    loadtest->require_subcommand(1);
  }

  auto merge_options = std::make_shared<api::LoadtestMergeOptions>();
  auto* merge = loadtest->add_subcommand(
      "merge", "Combine reports of runs made at the same time (on several machines) into one exact summary");
  merge->add_option("FILES", merge_options->files, "Reports written with --format json")
      ->required()
      ->expected(2, -1)
      ->check(CLI::ExistingFile);
  add_loadtest_output_flags(*merge, merge_options->output);
  merge->callback(
      [merge_options, &context, &exit_code] { exit_code = api::loadtest_merge(*merge_options, context); });

  auto report_options = std::make_shared<api::LoadtestReportOptions>();
  auto* report = loadtest->add_subcommand(
      "report", "Show, render, store or compare a report written with --format json");
  report->add_option("FILE", report_options->file, "A report written with --format json")
      ->required()
      ->check(CLI::ExistingFile);
  add_loadtest_output_flags(*report, report_options->output);
  report->callback(
      [report_options, &context, &exit_code] { exit_code = api::loadtest_report(*report_options, context); });

  auto runs_options = std::make_shared<api::LoadtestRunsOptions>();
  auto* runs = loadtest->add_subcommand("runs", "List the tenant's stored runs, newest first");
  add_tenant_flag(*runs, runs_options->tenant);
  runs->add_option("--limit", runs_options->limit, "How many runs to list")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  add_format_flag(*runs, runs_options->format, {"text", "json"}, "text or json", false);
  runs->callback(
      [runs_options, &context, &exit_code] { exit_code = api::loadtest_runs(*runs_options, context); });
});

}  // namespace dharma::cli
