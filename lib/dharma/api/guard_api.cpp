// `dharma guard`: load configuration and policy packs, load and resolve the
// blueprints, validate their suppressions, run the engine, apply a baseline,
// and write one report. Every input is validated before anything is written,
// so a bad policy, suppression or baseline leaves --out and the baseline file
// untouched.

#include "dharma/api/guard_api.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "dharma/blueprint/schema_check.hpp"
#include "dharma/policy/baseline.hpp"
#include "dharma/policy/config.hpp"
#include "dharma/policy/engine.hpp"
#include "dharma/policy/fixture_runner.hpp"
#include "dharma/policy/policy_listing.hpp"
#include "dharma/policy/policy_loader.hpp"
#include "dharma/policy/reporters.hpp"
#include "dharma/policy/suppression.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/terminal.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {

namespace {

namespace fs = std::filesystem;

struct LoadedPolicies {
  policy::GuardConfig config;
  policy::PolicyPack pack;
  std::vector<std::string> disabled;
};

void fail_on_errors(const util::Diagnostics& diagnostics) {
  if (diagnostics.has_errors()) {
    print_diagnostics(diagnostics);
    throw util::Reported(util::ExitCode::invalid_input);
  }
}

LoadedPolicies load_policies(const PolicySource& source) {
  util::Diagnostics diagnostics;
  LoadedPolicies loaded;
  std::string config_file = source.config;
  if (config_file.empty() && fs::exists("dharma.yaml")) {
    config_file = "dharma.yaml";
  }
  if (!config_file.empty()) {
    loaded.config = policy::load_guard_config(config_file, diagnostics);
  }
  std::vector<policy::PackDirectory> directories;
  if (!source.no_default_pack) {
    directories.push_back({data_directory() / "policies", "policies"});
  }
  for (const auto& dir : loaded.config.policy_dirs) {
    directories.push_back({dir, ""});
  }
  for (const auto& dir : source.policy_dirs) {
    directories.push_back({dir, ""});
  }
  // Every problem in the configuration and every pack, then fail once.
  loaded.pack = policy::load_policy_packs(directories, diagnostics);
  loaded.disabled = policy::apply_guard_config(loaded.config, loaded.pack, diagnostics);
  fail_on_errors(diagnostics);
  return loaded;
}

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

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

int run_guard(const GuardOptions& options, std::ostream& out) {
  const auto format = parse_format(options.format);
  if (!options.baseline.empty() && !options.baseline_create.empty()) {
    throw util::Error("give either --baseline or --baseline-create, not both");
  }
  std::optional<policy::Severity> fail_on;
  LoadedPolicies loaded = load_policies(options.policies);
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

  // Blueprints, then their suppressions: every problem in every file, then fail once.
  util::Diagnostics diagnostics;
  std::vector<blueprint::ResolvedBlueprint> blueprints;
  for (const auto& file : options.files) {
    if (auto resolved = load_blueprint(file, options.resolve, diagnostics)) {
      blueprints.push_back(std::move(*resolved));
    }
  }
  fail_on_errors(diagnostics);
  for (const auto& blueprint : blueprints) {
    policy::validate_skips(blueprint, loaded.pack.ids(), diagnostics);
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
  engine_options.today = policy::today_utc();
  engine_options.record_evaluated = format == policy::Format::junit;
  auto result = policy::run_policies(active, targets, engine_options);
  report.findings = std::move(result.findings);
  report.evaluated = std::move(result.evaluated);
  report.checked = result.checked;
  report.failed = result.failed;
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
  return util::to_int(report.failed_run() ? util::ExitCode::found : util::ExitCode::ok);
}

int list_policies(const PolicySource& source, const std::string& format, std::ostream& out) {
  LoadedPolicies loaded = load_policies(source);
  std::vector<const policy::Policy*> policies;
  for (const auto& policy : loaded.pack.policies()) {
    policies.push_back(policy.get());
  }
  if (format == "json") {
    out << policy::list_json(policies);
  } else if (format == "markdown") {
    out << policy::list_markdown(policies);
  } else if (format == "text") {
    out << policy::list_text(policies);
  } else {
    throw util::Error("unknown format " + util::quoted(format) + " (expected text, json or markdown)");
  }
  return 0;
}

int show_policy(const PolicySource& source, const std::string& id, std::ostream& out) {
  LoadedPolicies loaded = load_policies(source);
  const auto* policy = loaded.pack.find(id);
  if (policy == nullptr) {
    throw util::Error("unknown policy " + util::quoted(id) + util::did_you_mean(id, loaded.pack.ids()) +
                      " (run 'dharma guard policies list')");
  }
  out << policy::show_text(*policy);
  return 0;
}

int test_policies(const PolicySource& source, std::ostream& out) {
  LoadedPolicies loaded = load_policies(source);
  std::vector<const policy::Policy*> policies;
  for (const auto& policy : loaded.pack.policies()) {
    policies.push_back(policy.get());
  }
  const auto& catalog = default_catalog();
  // Fixtures see catalog defaults, as resources of a resolved blueprint do.
  auto defaults = [&catalog](const std::string& type, const blueprint::Map& properties,
                             std::vector<std::string>& problems) {
    blueprint::Map filled = properties;
    if (const auto* schema = catalog.find_type(type)) {
      static const yaml::Node k_owner{};
      util::Diagnostics diagnostics;
      blueprint::check_properties(filled, *schema, k_owner, diagnostics);
      for (const auto& diagnostic : diagnostics.all()) {
        // Fixtures need not spell out required properties or real references.
        if (util::starts_with(diagnostic.message, "unknown property")) {
          problems.push_back(diagnostic.message);
        }
      }
    } else if (!catalog::is_native_type(type)) {
      problems.push_back("unknown type " + util::quoted(type) + util::did_you_mean(type, catalog.type_names()));
    }
    return filled;
  };
  auto oracle = [&catalog](const std::string& pattern, const std::string& property) -> std::optional<bool> {
    bool matched = false;
    for (const auto& type : catalog.type_names()) {
      if (util::glob_match(pattern, type)) {
        matched = true;
        if (catalog.find_type(type)->find_property(property) != nullptr) {
          return true;
        }
      }
    }
    return matched ? std::optional<bool>(false) : std::nullopt;
  };
  auto outcomes = policy::lint_property_paths(policies, oracle);
  auto fixture_outcomes = policy::run_fixtures(policies, defaults);
  outcomes.insert(outcomes.end(), fixture_outcomes.begin(), fixture_outcomes.end());
  out << policy::format_fixture_outcomes(outcomes, policies.size());
  const bool failed = std::any_of(outcomes.begin(), outcomes.end(), [](const auto& o) { return !o.ok; });
  return util::to_int(failed ? util::ExitCode::found : util::ExitCode::ok);
}

}  // namespace dharma::api
