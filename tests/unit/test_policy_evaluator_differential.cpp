// The engine's evaluator (`judge`, its path a view) against the evaluator
// before speed-gc2 (policy_evaluator_reference.cpp, every path copied): the
// same holds, unknown and blamed path for every condition and `when` of the
// shipped policy pack on every fixture of the pack (each policy's fixtures
// against every policy, with and without the fixture's parameters), and for
// quantifiers nested in quantifiers, under `not`, `any` and `all`, with
// unknown items.

#include <doctest/doctest.h>

#include <initializer_list>
#include <string>

#include "dharma/policy/policy_loader.hpp"
#include "policy_evaluator_reference.hpp"
#include "policy_test_support.hpp"

using namespace dharma;
using namespace dharma::policy;

namespace {

// Both evaluators, and `evaluate`, on one condition.
void compare(const Condition& condition, const Subject& subject, const value::Map& parameters) {
  const Evaluation before = reference::evaluate(condition, subject, parameters);
  const Verdict after = judge(condition, subject, parameters);
  const Evaluation copied = evaluate(condition, subject, parameters);
  CHECK(after.holds == before.holds);
  CHECK(after.unknown == before.unknown);
  CHECK(std::string(after.blamed()) == before.path);
  CHECK(copied.holds == before.holds);
  CHECK(copied.unknown == before.unknown);
  CHECK(copied.path == before.path);
}

}  // namespace

TEST_CASE("policy::judge, the shipped pack on every fixture agrees with the evaluator that copied paths") {
  util::Diagnostics diagnostics;
  const PolicyPack pack =
      load_policy_packs({{std::string(DHARMA_SOURCE_DIR) + "/policies", "policies/"}}, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  REQUIRE(pack.policies().size() > 20);
  std::size_t fixtures = 0;
  std::size_t failing = 0;
  for (const auto& owner : pack.policies()) {
    for (const auto& fixture : owner->fixtures) {
      ++fixtures;
      Subject subject;
      subject.name = value::Value::string(fixture.name);
      subject.type = value::Value::string(fixture.type);
      subject.provider = value::Value::string(fixture.provider);
      subject.region = value::Value::string(fixture.region);
      subject.environment = value::Value::string(fixture.environment);
      subject.count = value::Value::integer(1);
      subject.properties = &fixture.properties;
      subject.tags = merge_tags(fixture.labels, fixture.tags);
      subject.labels = &fixture.labels;
      for (const auto& policy : pack.policies()) {
        CAPTURE(owner->id);
        CAPTURE(policy->id);
        for (const value::Map* parameters :
             std::initializer_list<const value::Map*>{&policy->parameter_values, &fixture.parameters}) {
          if (policy->when) {
            compare(*policy->when, subject, *parameters);
          }
          compare(*policy->condition, subject, *parameters);
          failing += evaluate(*policy->condition, subject, *parameters).holds ? 0 : 1;
        }
      }
    }
  }
  CHECK(fixtures > 50);
  CHECK(failing > 100);  // the comparison covers failures, where the path matters
}

TEST_CASE("policy::judge, quantifiers, combinators and unknowns agree with the evaluator that copied paths") {
  using testing::condition_from;
  testing::Resource r("network.security_group",
                      "{ingress: [{port: 443, cidrs: [0.0.0.0/0], rules: [{a: 1}, {a: 2}]}, "
                      "{port: 22, cidrs: [10.0.0.0/8], rules: [{a: 3}]}], env: {LOG: info, DB_PASSWORD: x}, "
                      "encrypted: false, size: 3, name: web-1}",
                      "{owner: web}");
  value::Value placeholder = value::Value::string("<placeholder: sensitive parameter pw has no value>");
  placeholder.sensitive = true;
  placeholder.placeholder = true;
  r.properties.emplace_back("password", placeholder);
  r.properties.emplace_back(
      "users", value::Value::list({value::Value::map({{"password", placeholder}}),
                                   value::Value::map({{"password", value::Value::string("short")}})}));
  for (const char* text : {
           "{path: properties.ingress, op: every, where: {path: rules, op: every, where: {path: a, op: lt, "
           "value: 3}}}",
           "{path: properties.ingress, op: some, where: {path: rules, op: none, where: {path: a, op: equals, "
           "value: 1}}}",
           "{path: properties.ingress, op: none, where: {not: {path: port, op: gt, value: 100}}}",
           "{path: properties.env, op: none, where: {path: key, op: matches, value: PASSWORD}}",
           "{path: properties.env, op: every, where: {path: value, op: in, value: [info, debug]}}",
           "{path: properties.users, op: every, where: {path: password, op: length, compare: gte, value: 8}}",
           "{path: properties.users, op: some, where: {path: password, op: equals, value: short}}",
           "{path: properties.users, op: none, where: {path: password, op: equals, value: x}}",
           "{path: properties.size, op: every, where: {path: a, op: exists}}",
           "{path: properties.missing, op: some, where: {path: a, op: exists}}",
           "{any: [{path: type, op: equals, value: x}, {path: properties.encrypted, op: equals, value: "
           "true}]}",
           "{any: [{path: properties.password, op: equals, value: x}, {path: properties.size, op: gt, value: "
           "5}]}",
           "{all: [{path: properties.password, op: equals, value: x}, {path: properties.size, op: gt, value: "
           "5}]}",
           "{all: [{path: properties.password, op: equals, value: x}, {path: properties.size, op: gt, value: "
           "1}]}",
           "{all: [{path: properties.size, op: gt, value: 1}, {path: tags.owner, op: equals, value: web}]}",
           "{not: {any: [{path: properties.name, op: matches, value: '^web-'}, {path: region, op: exists}]}}",
           "{not: {path: properties.password, op: equals, value: x}}",
           "{path: properties.ingress.1.port, op: equals, value: 22}",
           "{path: properties.ingress, op: length, compare: gt, value: 5}",
           "{path: tags.team, op: absent}",
           "{path: properties.size, op: equals, value: '3'}",
           "{path: properties.size, op: equals, value: 3.0}",
           "{path: properties.size, op: in, value: [1, 3.0]}",
           "{path: properties.size, op: not_in, value: ['3', x]}",
           "{path: properties.name, op: equals, value: web-1}",
           "{path: properties.ingress, op: some, where: {path: cidrs, op: contains, value: 0.0.0.0/0}}",
       }) {
    CAPTURE(text);
    compare(*condition_from(text), r.subject, {});
  }
}
