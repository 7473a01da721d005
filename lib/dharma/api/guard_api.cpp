// `dharma guard`: load configuration and policy packs, load and resolve the
// blueprints, validate their suppressions, run the engine, apply a baseline,
// and write one report. Every input is validated before anything is written,
// so a bad policy, suppression or baseline leaves --out and the baseline file
// untouched.

#include "dharma/api/guard_api.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>

#include "dharma/api/guard_policy_loading.hpp"
#include "dharma/api/phase_timer.hpp"
#include "dharma/policy/baseline.hpp"
#include "dharma/policy/config.hpp"
#include "dharma/policy/engine.hpp"
#include "dharma/policy/policy_loader.hpp"
#include "dharma/policy/reporters.hpp"
#include "dharma/policy/selection.hpp"
#include "dharma/policy/suppression.hpp"
#include "dharma/util/clock.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {

namespace {

namespace fs = std::filesystem;

// The CLI checked the name (cli/shared_flags.hpp); text is the default.
policy::Format report_format(const std::string& format) {
  if (format == "json") {
    return policy::Format::json;
  }
  if (format == "sarif") {
    return policy::Format::sarif;
  }
  if (format == "junit") {
    return policy::Format::junit;
  }
  if (format == "markdown") {
    return policy::Format::markdown;
  }
  return policy::Format::text;
}

// Says which checks were not judged because a secret had no value: the
// report alone would read as if they had passed.
void note_unjudged_checks(const std::vector<blueprint::ResolvedBlueprint>& blueprints, std::size_t unknown,
                          util::Status& status) {
  if (unknown == 0) {
    return;
  }
  for (const auto& blueprint : blueprints) {
    std::vector<std::string> names;
    for (const auto& parameter : blueprint.parameters) {
      if (parameter.value.placeholder) {
        names.push_back(parameter.name);
      }
    }
    if (!names.empty()) {
      status.note(blueprint.file + ": sensitive parameter" + (names.size() == 1 ? " " : "s ") +
                  util::join(names, ", ") + (names.size() == 1 ? " has" : " have") + " no value");
    }
  }
  status.note(std::to_string(unknown) + (unknown == 1 ? " check depends" : " checks depend") +
              " on a secret's value and " + (unknown == 1 ? "was" : "were") +
              " not judged; pass the secrets with --set or --values to judge " +
              (unknown == 1 ? "it" : "them"));
}

}  // namespace

int guard_check(const GuardOptions& options, CommandContext& context) {
  const auto format = report_format(options.format);
  if (!options.baseline.empty() && !options.baseline_create.empty()) {
    throw util::Error("give either --baseline or --baseline-create, not both");
  }
  std::optional<policy::Severity> fail_on;
  PhaseTimer timer(context.flags().verbose, "guard", context.status());
  LoadedPolicies loaded = load_policies(options.policies, context);
  timer.lap("load policies");
  fail_on = loaded.config.fail_on;
  if (!options.fail_on.empty()) {
    fail_on = policy::parse_severity(options.fail_on);
    if (!fail_on) {
      throw util::Error("--fail-on: unknown severity " + util::quoted(options.fail_on) +
                        " (expected one of " + util::join(policy::severity_names(), ", ") + ")");
    }
  }
  const policy::PolicySelection selection{options.only, options.skip, loaded.disabled};
  policy::check_selection(selection, loaded.pack);

  // Blueprints, then their suppressions: every problem in every file, then fail once.
  util::Diagnostics diagnostics;
  auto& blueprints = context.keep(std::vector<blueprint::ResolvedBlueprint>{});
  ResolveOptions without_secrets = options.resolve;
  without_secrets.placeholder_secrets = true;  // an unset secret is unknown to the evaluator
  for (const auto& file : options.files) {
    if (auto resolved = load_blueprint(context, file, without_secrets, diagnostics)) {
      blueprints.push_back(std::move(*resolved));
    }
  }
  fail_on_errors(diagnostics, context);
  timer.lap("load blueprints");
  const auto known_policies = loaded.pack.ids();
  for (const auto& blueprint : blueprints) {
    policy::validate_skips(blueprint, &known_policies, diagnostics);
  }
  if (!diagnostics.all().empty()) {
    context.print_diagnostics(diagnostics);  // warnings from loading are still worth seeing
  }
  if (diagnostics.has_errors()) {
    throw util::Reported(util::ExitCode::invalid_input);
  }

  // Kept by the context, like the blueprints (fast exit): at 20,000
  // resources, freeing the findings and targets one by one walked memory
  // long gone from the caches.
  auto& report = context.keep(policy::Report{});
  report.fail_on = fail_on;
  for (const auto& blueprint : blueprints) {
    report.files.push_back(blueprint.file);
    report.blueprints.push_back(blueprint.metadata.name);
  }
  std::optional<policy::Baseline> baseline;
  if (!options.baseline.empty()) {
    baseline = policy::load_baseline(options.baseline, report.blueprints);
  }

  auto selected = policy::select_policies(loaded.pack, selection);
  const std::vector<const policy::Policy*>& active = selected.active;
  report.disabled = std::move(selected.disabled);
  report.inactive = std::move(selected.inactive);
  report.policies = active;

  auto& indexes = context.keep(std::vector<std::unique_ptr<policy::ResourceIndex>>{});
  auto& targets = context.keep(std::vector<policy::Target>{});
  for (const auto& blueprint : blueprints) {
    indexes.push_back(std::make_unique<policy::ResourceIndex>());
    policy::add_targets(blueprint, *indexes.back(), targets);
  }
  report.resource_count = targets.size();
  policy::EngineOptions engine_options;
  engine_options.today = util::today_utc();
  engine_options.record_evaluated = format == policy::Format::junit;
  timer.lap("prepare");
  auto& result = context.keep(policy::run_policies(active, targets, engine_options));
  timer.lap("evaluate " + std::to_string(active.size()) + " policies x " + std::to_string(targets.size()) +
            " resources");
  report.findings = std::move(result.findings);
  report.evaluated = std::move(result.evaluated);
  report.checked = result.checked;
  report.failed = result.failed;
  note_unjudged_checks(blueprints, result.unknown, context.status());
  if (engine_options.record_evaluated) {
    for (const auto& target : targets) {
      report.targets.push_back({target.file, target.resource, target.type, target.location});
    }
  }

  if (baseline) {
    policy::apply_baseline(*baseline, report.findings);
    report.baseline_used = true;
  }
  if (!options.baseline_create.empty()) {
    util::write_file_atomic(options.baseline_create,
                            policy::baseline_json(report.blueprints, report.findings));
    for (auto& finding : report.findings) {
      if (finding.state == policy::FindingState::open) {
        finding.state = policy::FindingState::baselined;
      }
    }
    report.baseline_used = true;
    context.err() << "dharma: recorded " << report.count(policy::FindingState::baselined) << " finding(s) in "
                  << options.baseline_create << '\n';
  }

  const bool color = options.out.empty() && context.color_out();
  const std::string document = policy::format_report(report, format, color);
  if (options.out.empty()) {
    context.out() << document;
  } else {
    util::write_file_atomic(options.out, document);
  }
  timer.lap("report");
  return util::to_int(report.failed_run() ? util::ExitCode::found : util::ExitCode::ok);
}

}  // namespace dharma::api
