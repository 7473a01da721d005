#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "dharma/policy/policy_loader.hpp"
#include "policy_test_support.hpp"

using namespace dharma;
using namespace dharma::policy;

namespace {

namespace fs = std::filesystem;

// A scratch directory per test, kept on failure for inspection.
struct Scratch {
  fs::path path;
  explicit Scratch(const std::string& name) : path(fs::temp_directory_path() / ("dharma-policy-" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  void write(const std::string& file, const std::string& text) const { std::ofstream(path / file) << text; }
};

const char* k_valid = R"(id: team-001
name: Buckets are versioned
description: Keep old versions.
severity: medium
category: reliability
enforcement: soft
applies_to: [storage.bucket, "k8s.*", aws]
parameters:
  min: {description: Smallest size., default: 1}
condition:
  all:
    - {path: properties.versioning, op: equals, value: true}
    - {path: properties.size, op: gte, param: min}
message: "bucket '${resource.name}' in ${resource.region}: ${properties.versioning} ${param.min}"
remediation: Turn it on.
references: [CIS 2.1.3]
tests:
  pass: [{type: storage.bucket, properties: {versioning: true, size: 2}}]
  fail: [{type: storage.bucket, name: logs, properties: {versioning: false}}]
)";

std::vector<std::string> errors_of(const util::Diagnostics& diagnostics) {
  std::vector<std::string> errors;
  for (const auto& d : diagnostics.all()) {
    errors.push_back(util::format_diagnostic(d));
  }
  return errors;
}

}  // namespace

TEST_CASE("policy::load_policy_file, reads every field") {
  Scratch scratch("valid");
  scratch.write("p.yaml", k_valid);
  util::Diagnostics diagnostics;
  auto policy = load_policy_file(scratch.path / "p.yaml", "p.yaml", diagnostics);
  REQUIRE(policy);
  CHECK(errors_of(diagnostics).empty());
  CHECK(policy->id == "team-001");
  CHECK(policy->severity == Severity::medium);
  CHECK(policy->category == Category::reliability);
  CHECK(policy->enforcement == Enforcement::soft);
  CHECK(policy->fixtures.size() == 2);
  CHECK(policy->fixtures[1].expect_finding);
  CHECK(policy->fixtures[1].name == "logs");
  CHECK(policy->missing_parameters().empty());
  CHECK(applies_to(*policy, "storage.bucket", "gcp"));
  CHECK(applies_to(*policy, "k8s.deployment", "kubernetes"));
  CHECK(applies_to(*policy, "compute.instance", "aws"));  // a provider entry
  CHECK_FALSE(applies_to(*policy, "compute.instance", "gcp"));
  // Values read from the file keep their position in it: the default of `min` (line 9) and a fixture property
  // (line 18) point into the parsed file, which the policy keeps alive.
  const auto* min = policy->find_parameter("min");
  REQUIRE(min != nullptr);
  REQUIRE(min->default_value);
  REQUIRE(min->default_value->origin != nullptr);
  CHECK(min->default_value->origin->location().line == 9);
  const auto& versioning = policy->fixtures[0].properties.front().second;
  REQUIRE(versioning.origin != nullptr);
  CHECK(versioning.origin->location().line == 18);
  CHECK(policy->document != nullptr);
}

TEST_CASE("policy::load_condition, rejects malformed checks with their position") {
  using testing::condition_error;
  CHECK(condition_error("{path: properties.a, op: equal, value: 1}") ==
        "condition.yaml:1:26: error: unknown operator 'equal' (did you mean 'equals'?)");
  CHECK(condition_error("{path: properties.a, op: matches, value: '(a'}") ==
        "condition.yaml:1:42: error: invalid regular expression '(a': missing ): (a");
  CHECK(condition_error("{path: properties.a, op: gt, value: big}") ==
        "condition.yaml:1:37: error: 'gt' needs a number, not a string");
  CHECK(condition_error("{path: properties.a, op: in, value: x}") ==
        "condition.yaml:1:37: error: 'in' needs a list value, not a string");
  CHECK(condition_error("{path: propertis.a, op: exists}") ==
        "condition.yaml:1:8: error: path 'propertis.a' must start with one of name, type, provider, region, "
        "environment, count, tags, labels, properties (did you mean 'properties'?)");
  CHECK(condition_error("{path: name.first, op: exists}") ==
        "condition.yaml:1:8: error: path 'name.first': 'name' is a single value and has no fields");
  CHECK(condition_error("{path: properties.a, op: exists, value: 1}") ==
        "condition.yaml:1:41: error: operator 'exists' takes no value");
  CHECK(condition_error("{path: properties.a, op: every}") ==
        "condition.yaml:1:1: error: operator 'every' needs a 'where' condition for each item");
  CHECK(condition_error("{path: properties.a, op: equals, value: 1, missing: maybe}") ==
        "condition.yaml:1:53: error: 'missing' must be 'pass' or 'fail', not 'maybe'");
  CHECK(condition_error("{all: [], any: []}") ==
        "condition.yaml:1:1: error: a condition is exactly one of 'all', 'any', 'not' or a check with 'path' "
        "and 'op'");
  CHECK(condition_error("{all: []}") ==
        "condition.yaml:1:7: error: 'all' needs a non-empty list of conditions");
  CHECK(condition_error("{path: properties.a, op: equals, param: nope}") ==
        "condition.yaml:1:41: error: unknown parameter 'nope' (declare it under 'parameters')");
}

TEST_CASE("policy::load_policy_packs, duplicate ids across packs and missing directories") {
  Scratch one("pack-one");
  Scratch two("pack-two");
  one.write("a.yaml", k_valid);
  two.write("b.yaml", k_valid);
  util::Diagnostics diagnostics;
  auto pack = load_policy_packs({{one.path, "one"}, {two.path, "two"}, {one.path / "missing", "missing"}},
                                diagnostics);
  CHECK(pack.policies().size() == 1);
  const auto errors = errors_of(diagnostics);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0] ==
        "two/b.yaml:1:5: error: duplicate policy id 'team-001' (first defined at one/a.yaml:1:5)");
  CHECK(errors[1].find("policy directory not found") != std::string::npos);
}

TEST_CASE("policy::load_policy_file, reports unknown fields, enums and placeholders together") {
  Scratch scratch("invalid");
  std::string text = k_valid;
  text.replace(text.find("severity: medium"), 16, "severity: severe");
  text.replace(text.find("${resource.region}"), 18, "${resource.colour}");
  text += "colour: blue\n";
  scratch.write("p.yaml", text);
  util::Diagnostics diagnostics;
  CHECK_FALSE(load_policy_file(scratch.path / "p.yaml", "p.yaml", diagnostics));
  const auto errors = errors_of(diagnostics);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] == "p.yaml:20:1: error: unknown key 'colour' in policy");
  CHECK(errors[1] ==
        "p.yaml:4:11: error: unknown severity 'severe' (expected one of critical, high, medium, low, info)");
  CHECK(errors[2].find("unknown placeholder '${resource.colour}'") != std::string::npos);
}
