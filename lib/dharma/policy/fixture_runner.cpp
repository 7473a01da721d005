#include "dharma/policy/fixture_runner.hpp"

#include <sstream>

#include "dharma/policy/engine.hpp"

namespace dharma::policy {

using value::Value;

std::vector<FixtureOutcome> run_fixtures(const std::vector<const Policy*>& policies,
                                         const DefaultsHook& defaults) {
  std::vector<FixtureOutcome> outcomes;
  for (const Policy* policy : policies) {
    bool has_pass = false;
    bool has_fail = false;
    for (const auto& fixture : policy->fixtures) {
      (fixture.expect_finding ? has_fail : has_pass) = true;
      Policy configured = *policy;
      for (const auto& [name, value] : fixture.parameters) {
        bool replaced = false;
        for (auto& entry : configured.parameter_values) {
          if (entry.first == name) {
            entry.second = value;
            replaced = true;
          }
        }
        if (!replaced) {
          configured.parameter_values.emplace_back(name, value);
        }
      }
      FixtureOutcome outcome{policy, &fixture, false, {}};
      const auto missing = configured.missing_parameters();
      if (!missing.empty()) {
        outcome.detail = "the case does not set required parameter(s) " + missing.front();
        outcomes.push_back(std::move(outcome));
        continue;
      }
      std::vector<std::string> problems;
      value::Map properties =
          defaults ? defaults(fixture.type, fixture.properties, problems) : fixture.properties;
      if (!problems.empty()) {
        outcome.detail = "the case is not a valid " + fixture.type + ": " + problems.front();
        outcomes.push_back(std::move(outcome));
        continue;
      }
      Target target;
      target.subject.name = Value::string(fixture.name);
      target.subject.type = Value::string(fixture.type);
      target.subject.provider = Value::string(fixture.provider);
      target.subject.region = Value::string(fixture.region);
      target.subject.environment = Value::string(fixture.environment);
      target.subject.count = Value::integer(1);
      target.subject.properties = &properties;
      target.subject.tags = merge_tags(fixture.labels, fixture.tags);
      target.subject.labels = &fixture.labels;
      target.resource = fixture.name;
      target.type = fixture.type;
      target.location = fixture.location;
      auto result = run_policies({&configured}, {target}, EngineOptions{});
      const bool found = !result.findings.empty();
      outcome.ok = found == fixture.expect_finding;
      if (!applies_to(configured, fixture.type, fixture.provider)) {
        outcome.ok = false;
        outcome.detail = "the policy does not apply to type " + fixture.type;
      } else if (outcome.ok) {
        outcome.detail = found ? result.findings.front().message : "no finding";
      } else {
        outcome.detail = found ? "expected no finding, got: " + result.findings.front().message
                               : "expected a finding, got none";
      }
      outcomes.push_back(std::move(outcome));
    }
    if (!has_pass || !has_fail) {
      outcomes.push_back(
          {policy, nullptr, false,
           std::string("needs at least one 'tests.") + (has_pass ? "fail" : "pass") + "' case"});
    }
  }
  return outcomes;
}

namespace {

void property_heads(const Condition& condition,
                    std::vector<std::pair<std::string, util::SourceLocation>>& heads) {
  if (condition.kind != Condition::Kind::check) {
    for (const auto& child : condition.children) {
      property_heads(*child, heads);
    }
    return;
  }
  // Paths inside `where` are relative to list items: not checked here.
  const auto& steps = condition.check.steps;
  if (steps.size() >= 2 && steps[0] == "properties") {
    heads.emplace_back(steps[1], condition.check.location);
  }
}

}  // namespace

std::vector<FixtureOutcome> lint_property_paths(const std::vector<const Policy*>& policies,
                                                const PropertyOracle& oracle) {
  std::vector<FixtureOutcome> outcomes;
  for (const Policy* policy : policies) {
    std::vector<std::pair<std::string, util::SourceLocation>> heads;
    for (const auto* root : {policy->when.get(), policy->condition.get()}) {
      if (root != nullptr) {
        property_heads(*root, heads);
      }
    }
    for (const auto& [head, location] : heads) {
      bool checkable = false;
      bool known = false;
      for (const auto& pattern : policy->applies_to) {
        if (auto answer = oracle(pattern, head)) {
          checkable = true;
          known = known || *answer;
        }
      }
      if (checkable && !known) {
        outcomes.push_back(
            {policy, nullptr, false,
             "no type in applies_to has a property '" + head + "' (at " + location.str() + ")"});
      }
    }
  }
  return outcomes;
}

std::string format_fixture_outcomes(const std::vector<FixtureOutcome>& outcomes, std::size_t policy_count) {
  std::ostringstream out;
  std::size_t failed = 0;
  std::size_t cases = 0;
  for (const auto& outcome : outcomes) {
    cases += outcome.fixture != nullptr ? 1 : 0;
    if (outcome.ok) {
      continue;
    }
    ++failed;
    const auto where = outcome.fixture != nullptr ? outcome.fixture->location : outcome.policy->location;
    out << where.str() << ": FAIL " << outcome.policy->id;
    if (outcome.fixture != nullptr) {
      out << " (" << (outcome.fixture->expect_finding ? "fail" : "pass") << " case " << outcome.fixture->type
          << ")";
    }
    out << ": " << outcome.detail << '\n';
  }
  out << policy_count << " policies, " << cases << " cases: ";
  if (failed == 0) {
    out << "all passed\n";
  } else {
    out << failed << " failed\n";
  }
  return out.str();
}

}  // namespace dharma::policy
