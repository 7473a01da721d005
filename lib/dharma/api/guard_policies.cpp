// `dharma guard policies list|show|test`: the packs themselves.

#include <algorithm>

#include "dharma/api/guard_api.hpp"
#include "dharma/api/guard_policy_loading.hpp"
#include "dharma/blueprint/schema_check.hpp"
#include "dharma/policy/fixture_runner.hpp"
#include "dharma/policy/policy_listing.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {

int guard_policies_list(const GuardPoliciesOptions& options, CommandContext& context) {
  const std::string& format = options.format;
  std::ostream& out = context.out();
  LoadedPolicies loaded = load_policies(options.source, context);
  std::vector<const policy::Policy*> policies;
  for (const auto& policy : loaded.pack.policies()) {
    policies.push_back(policy.get());
  }
  if (format == "json") {
    out << policy::list_json(policies);
  } else if (format == "markdown") {
    out << policy::list_markdown(policies);
  } else {
    out << policy::list_text(policies);
  }
  return 0;
}

int guard_policies_show(const GuardPoliciesOptions& options, CommandContext& context) {
  const std::string& id = options.id;
  LoadedPolicies loaded = load_policies(options.source, context);
  const auto* policy = loaded.pack.find(id);
  if (policy == nullptr) {
    throw util::Error("unknown policy " + util::quoted(id) + util::did_you_mean(id, loaded.pack.ids()) +
                      " (run 'dharma guard policies list')");
  }
  context.out() << policy::show_text(*policy);
  return 0;
}

int guard_policies_test(const GuardPoliciesOptions& options, CommandContext& context) {
  PolicySource source = options.source;
  if (!options.dir.empty()) {
    source.no_default_pack = true;
    source.policy_dirs.push_back(options.dir);
  }
  LoadedPolicies loaded = load_policies(source, context);
  std::vector<const policy::Policy*> policies;
  for (const auto& policy : loaded.pack.policies()) {
    policies.push_back(policy.get());
  }
  const auto& catalog = context.catalog();
  // Fixtures see catalog defaults, as resources of a resolved blueprint do.
  auto defaults = [&catalog](const std::string& type, const value::Map& properties,
                             std::vector<std::string>& problems) {
    value::Map filled = properties;
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
      problems.push_back("unknown type " + util::quoted(type) +
                         util::did_you_mean(type, catalog.type_names()));
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
  context.out() << policy::format_fixture_outcomes(outcomes, policies.size());
  const bool failed = std::any_of(outcomes.begin(), outcomes.end(), [](const auto& o) { return !o.ok; });
  return util::to_int(failed ? util::ExitCode::found : util::ExitCode::ok);
}

}  // namespace dharma::api
