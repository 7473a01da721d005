#include "dharma/policy/fixture_runner.hpp"

#include <sstream>

#include "dharma/policy/engine.hpp"

namespace dharma::policy {

using blueprint::Value;

std::vector<FixtureOutcome> run_fixtures(const std::vector<const Policy*>& policies, const DefaultsHook& defaults) {
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
      blueprint::Map properties = defaults ? defaults(fixture.type, fixture.properties) : fixture.properties;
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
      outcomes.push_back({policy, nullptr, false,
                          std::string("needs at least one 'tests.") + (has_pass ? "fail" : "pass") + "' case"});
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
      out << " (" << (outcome.fixture->expect_finding ? "fail" : "pass") << " case " << outcome.fixture->type << ")";
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
