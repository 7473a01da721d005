// `dharma guard`: load configuration and policy packs, load and resolve the
// blueprints, validate their suppressions, run the engine, apply a baseline,
// and write one report. Every input is validated before anything is written,
// so a bad policy, suppression or baseline leaves --out and the baseline file
// untouched.

#include "dharma/api/guard_api.hpp"

#include "dharma/api/guard_policy_loading.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iomanip>
#include <filesystem>
#include <iostream>
#include <memory>

#include "dharma/policy/baseline.hpp"
#include "dharma/policy/config.hpp"
#include "dharma/policy/engine.hpp"
#include "dharma/policy/policy_loader.hpp"
#include "dharma/policy/reporters.hpp"
#include "dharma/policy/suppression.hpp"
#include "dharma/util/clock.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/terminal.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {

namespace {

namespace fs = std::filesystem;

std::vector<std::string> split_ids(const std::vector<std::string>& values) {
  std::vector<std::string> ids;
  for (const auto& value : values) {
    for (auto& id : util::split(value, ',')) {
      id = util::trim(id);
      if (!id.empty()) {
        ids.push_back(id);
      }
    }
  }
  return ids;
}

void check_ids(const std::vector<std::string>& ids, const std::string& flag, const policy::PolicyPack& pack) {
  const auto known = pack.ids();
  for (const auto& id : ids) {
    if (pack.find(id) == nullptr) {
      throw util::Error(flag + ": unknown policy " + util::quoted(id) + util::did_you_mean(id, known) +
                        " (run 'dharma guard policies list')");
    }
  }
}

policy::Format parse_format(const std::string& format) {
  if (format == "text") {
    return policy::Format::text;
  }
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
  throw util::Error("unknown format " + util::quoted(format) + " (expected text, json, sarif, junit or markdown)");
}

// -v: how long each phase took, on stderr, as wall time and this process's
// CPU time (the figure that holds on a busy machine); bench/guard reads these.
class PhaseTimer {
 public:
  explicit PhaseTimer(bool enabled)
      : m_enabled(enabled), m_wall(std::chrono::steady_clock::now()), m_cpu(std::clock()) {}
  void lap(const std::string& phase) {
    const auto wall = std::chrono::steady_clock::now();
    const std::clock_t cpu = std::clock();
    if (m_enabled) {
      const double wall_ms = std::chrono::duration<double, std::milli>(wall - m_wall).count();
      const double cpu_ms = 1000.0 * static_cast<double>(cpu - m_cpu) / CLOCKS_PER_SEC;
      std::cerr << "dharma: guard: " << phase << ": " << std::fixed << std::setprecision(2) << wall_ms
                << " ms wall, " << cpu_ms << " ms cpu\n";
    }
    m_wall = wall;
    m_cpu = cpu;
  }

 private:
  bool m_enabled;
  std::chrono::steady_clock::time_point m_wall;
  std::clock_t m_cpu;
};

// Says which checks were not judged because a secret had no value: the
// report alone would read as if they had passed.
void note_unjudged_checks(const std::vector<blueprint::ResolvedBlueprint>& blueprints, std::size_t unknown) {
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
      std::cerr << "dharma: note: " << blueprint.file << ": sensitive parameter" << (names.size() == 1 ? " " : "s ")
                << util::join(names, ", ") << (names.size() == 1 ? " has" : " have") << " no value\n";
    }
  }
  std::cerr << "dharma: note: " << unknown << (unknown == 1 ? " check depends" : " checks depend")
            << " on a secret's value and " << (unknown == 1 ? "was" : "were")
            << " not judged; pass the secrets with --set or --values to judge "
            << (unknown == 1 ? "it" : "them") << '\n';
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// A selection that would check nothing, or less than asked, and still pass:
// `--only ''` (no ids at all), or --only ids that --skip all removes
// (`--only X --skip X`). Skipping some of the --only ids narrows the run and
// is fine.
void check_selection(const GuardOptions& options, const std::vector<std::string>& only,
                     const std::vector<std::string>& skip) {
  if (!options.only.empty() && only.empty()) {
    throw util::Error("--only: no policy ids given (expected e.g. --only sec-001,cost-001)");
  }
  if (!options.skip.empty() && skip.empty()) {
    throw util::Error("--skip: no policy ids given (expected e.g. --skip cost-001)");
  }
  if (!only.empty() && std::all_of(only.begin(), only.end(), [&](const auto& id) { return contains(skip, id); })) {
    throw util::Error("--only and --skip leave no policy to run: " + util::join(only, ", ") +
                      (only.size() == 1 ? " is" : " are") + " given to both");
  }
}

}  // namespace

int run_guard(const GuardOptions& options, std::ostream& out) {
  const auto format = parse_format(options.format);
  if (!options.baseline.empty() && !options.baseline_create.empty()) {
    throw util::Error("give either --baseline or --baseline-create, not both");
  }
  std::optional<policy::Severity> fail_on;
  PhaseTimer timer(options.verbose);
  LoadedPolicies loaded = load_policies(options.policies);
  timer.lap("load policies");
  fail_on = loaded.config.fail_on;
  if (!options.fail_on.empty()) {
    fail_on = policy::parse_severity(options.fail_on);
    if (!fail_on) {
      throw util::Error("--fail-on: unknown severity " + util::quoted(options.fail_on) + " (expected one of " +
                        util::join(policy::severity_names(), ", ") + ")");
    }
  }
  const auto only = split_ids(options.only);
  const auto skip = split_ids(options.skip);
  check_ids(only, "--only", loaded.pack);
  check_ids(skip, "--skip", loaded.pack);
  check_selection(options, only, skip);

  // Blueprints, then their suppressions: every problem in every file, then fail once.
  util::Diagnostics diagnostics;
  std::vector<blueprint::ResolvedBlueprint> blueprints;
  ResolveOptions without_secrets = options.resolve;
  without_secrets.placeholder_secrets = true;  // an unset secret is unknown to the evaluator
  for (const auto& file : options.files) {
    if (auto resolved = load_blueprint(file, without_secrets, diagnostics)) {
      blueprints.push_back(std::move(*resolved));
    }
  }
  fail_on_errors(diagnostics);
  timer.lap("load blueprints");
  const auto known_policies = loaded.pack.ids();
  for (const auto& blueprint : blueprints) {
    policy::validate_skips(blueprint, &known_policies, diagnostics);
  }
  if (!diagnostics.all().empty()) {
    print_diagnostics(diagnostics);  // warnings from loading are still worth seeing
  }
  if (diagnostics.has_errors()) {
    throw util::Reported(util::ExitCode::invalid_input);
  }

  policy::Report report;
  report.fail_on = fail_on;
  for (const auto& blueprint : blueprints) {
    report.files.push_back(blueprint.file);
    report.blueprints.push_back(blueprint.metadata.name);
  }
  std::optional<policy::Baseline> baseline;
  if (!options.baseline.empty()) {
    baseline = policy::load_baseline(options.baseline, report.blueprints);
  }

  std::vector<const policy::Policy*> active;
  for (const auto& policy : loaded.pack.policies()) {
    const bool selected = (only.empty() || contains(only, policy->id)) && !contains(skip, policy->id);
    if (!selected || contains(loaded.disabled, policy->id)) {
      report.disabled.push_back(policy->id);
      continue;
    }
    if (auto missing = policy->missing_parameters(); !missing.empty()) {
      report.inactive.push_back({policy.get(), missing});
      continue;
    }
    active.push_back(policy.get());
  }
  report.policies = active;

  std::vector<std::unique_ptr<policy::ResourceIndex>> indexes;
  std::vector<policy::Target> targets;
  for (const auto& blueprint : blueprints) {
    indexes.push_back(std::make_unique<policy::ResourceIndex>());
    policy::add_targets(blueprint, *indexes.back(), targets);
  }
  report.resource_count = targets.size();
  policy::EngineOptions engine_options;
  engine_options.today = util::today_utc();
  engine_options.record_evaluated = format == policy::Format::junit;
  timer.lap("prepare");
  auto result = policy::run_policies(active, targets, engine_options);
  timer.lap("evaluate " + std::to_string(active.size()) + " policies x " + std::to_string(targets.size()) +
            " resources");
  report.findings = std::move(result.findings);
  report.evaluated = std::move(result.evaluated);
  report.checked = result.checked;
  report.failed = result.failed;
  note_unjudged_checks(blueprints, result.unknown);
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
    util::write_file_atomic(options.baseline_create, policy::baseline_json(report.blueprints, report.findings));
    for (auto& finding : report.findings) {
      if (finding.state == policy::FindingState::open) {
        finding.state = policy::FindingState::baselined;
      }
    }
    report.baseline_used = true;
    std::cerr << "dharma: recorded " << report.count(policy::FindingState::baselined) << " finding(s) in "
              << options.baseline_create << '\n';
  }

  const bool color = options.out.empty() && util::use_color(stdout);
  const std::string document = policy::format_report(report, format, color);
  if (options.out.empty()) {
    out << document;
  } else {
    util::write_file_atomic(options.out, document);
  }
  timer.lap("report");
  return util::to_int(report.failed_run() ? util::ExitCode::found : util::ExitCode::ok);
}

}  // namespace dharma::api
