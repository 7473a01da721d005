#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "dharma/policy/baseline.hpp"
#include "dharma/policy/engine.hpp"
#include "dharma/policy/message.hpp"
#include "dharma/policy/reporters.hpp"
#include "dharma/policy/suppression.hpp"
#include "dharma/util/clock.hpp"
#include "dharma/util/error.hpp"
#include "policy_test_support.hpp"

using namespace dharma;
using namespace dharma::policy;
using namespace dharma::policy::testing;

namespace {

Policy make_policy(const std::string& id, Severity severity, Enforcement enforcement,
                   const std::string& condition) {
  Policy policy;
  policy.id = id;
  policy.name = "Policy " + id;
  policy.description = "Checks " + id;
  policy.severity = severity;
  policy.enforcement = enforcement;
  policy.applies_to = {"storage.*"};
  policy.condition = condition_from(condition);
  policy.message =
      "${resource.type} '${resource.name}' fails ${policy.id} (encrypted: ${properties.encrypted})";
  policy.remediation = "Fix it.";
  return policy;
}

Target target_for(Resource& resource, const std::string& name,
                  std::vector<blueprint::GuardSkip>* skips = nullptr) {
  Target target;
  resource.subject.name = value::Value::string(name);
  target.subject = resource.subject;
  target.blueprint = "demo";
  target.file = "demo.yaml";
  target.resource = name;
  target.type = resource.subject.type.as_string();
  target.location = {"demo.yaml", 3, 5};
  target.skips = skips;
  return target;
}

}  // namespace

TEST_CASE("policy::run_policies, findings, suppressions and expired suppressions") {
  auto encrypted = make_policy("sec-001", Severity::high, Enforcement::hard,
                               "{path: properties.encrypted, op: equals, value: true}");
  auto versioned = make_policy("rel-001", Severity::medium, Enforcement::soft,
                               "{path: properties.versioning, op: equals, value: true}");
  Resource bucket("storage.bucket", "{encrypted: false, versioning: false}");
  std::vector<blueprint::GuardSkip> skips{{"rel-001", "accepted", "2099-01-01", nullptr},
                                          {"sec-001", "was accepted", "2020-01-01", nullptr}};
  std::vector<Target> targets{target_for(bucket, "assets", &skips)};
  auto result = run_policies({&versioned, &encrypted}, targets, {"2026-11-22", true});
  REQUIRE(result.findings.size() == 2);
  CHECK(result.findings[0].policy->id == "rel-001");
  CHECK(result.findings[0].state == FindingState::suppressed);
  CHECK(result.findings[1].state == FindingState::open);
  CHECK(result.findings[1].suppression->expired);
  CHECK(result.findings[1].message == "storage.bucket 'assets' fails sec-001 (encrypted: false)");
  CHECK(result.findings[1].path == "properties.encrypted");
  CHECK(result.evaluated.size() == 2);
  // Suppressed pairs leave the score; the expired one counts as failed.
  CHECK(result.checked[static_cast<int>(Severity::high)] == 1);
  CHECK(result.failed[static_cast<int>(Severity::high)] == 1);
  CHECK(result.checked[static_cast<int>(Severity::medium)] == 0);
}

TEST_CASE("policy::fingerprint, stable when lines move and list items reorder, distinct otherwise") {
  const auto base = fingerprint("demo", "sec-006", "network.security_group", "sg", "properties.ingress.1");
  CHECK(base == fingerprint("demo", "sec-006", "network.security_group", "sg", "properties.ingress.0"));
  CHECK(base.rfind("v1:", 0) == 0);
  CHECK(base.size() == 19);
  CHECK(base != fingerprint("demo", "sec-006", "network.security_group", "sg2", "properties.ingress.1"));
  CHECK(base != fingerprint("other", "sec-006", "network.security_group", "sg", "properties.ingress.1"));
  CHECK(base != fingerprint("demo", "sec-007", "network.security_group", "sg", "properties.ingress.1"));
}

TEST_CASE("policy::fingerprint is the first 8 bytes of SHA-256 over the fields, list indexes left out") {
  // Python: hashlib.sha256(b"demo\nsec-006\nnetwork.security_group\nsg\nproperties.ingress").hexdigest()[:16]
  CHECK(fingerprint("demo", "sec-006", "network.security_group", "sg", "properties.ingress.1") ==
        "v1:e1a711a2b59525e6");
  CHECK(fingerprint("demo", "sec-006", "network.security_group", "sg", "0.12") == "v1:2d12b2a78b51d2ed");
  CHECK(fingerprint("demo", "sec-006", "network.security_group", "sg", "") == "v1:2d12b2a78b51d2ed");
  CHECK(fingerprint("demo", "sec-006", "network.security_group", "sg", "a..b.3.c") == "v1:f91c36c59d543cfd");
}

TEST_CASE("policy::Report, score and exit rule") {
  auto critical =
      make_policy("sec-002", Severity::critical, Enforcement::soft, "{path: properties.public, op: absent}");
  auto low_hard = make_policy("comp-001", Severity::low, Enforcement::hard, "{path: tags.owner, op: exists}");
  auto medium =
      make_policy("rel-001", Severity::medium, Enforcement::soft, "{path: properties.x, op: exists}");
  Report report;
  report.checked = {2, 0, 1, 1, 0};
  report.failed = {1, 0, 1, 0, 0};
  // weights 10/5/3/1/0: passing 10 + 0 + 1 = 11 of 20 + 3 + 1 = 24 -> 45
  CHECK(report.score() == 45);
  Finding finding;
  finding.policy = &medium;
  report.findings.push_back(finding);
  CHECK_FALSE(report.failed_run());  // soft medium: below the default rule
  finding.policy = &low_hard;
  report.findings.push_back(finding);
  CHECK(report.failed_run());  // hard enforcement fails by default
  report.fail_on = Severity::critical;
  CHECK_FALSE(report.failed_run());  // --fail-on replaces the default rule
  finding.policy = &critical;
  finding.state = FindingState::baselined;
  report.findings.push_back(finding);
  CHECK_FALSE(report.failed_run());  // baselined findings never fail
  report.findings.back().state = FindingState::open;
  CHECK(report.failed_run());
  Report empty;
  CHECK(empty.score() == 100);
}

TEST_CASE("policy::baseline, round trip and refusal of corrupt or foreign files") {
  auto policy =
      make_policy("sec-001", Severity::high, Enforcement::hard, "{path: properties.encrypted, op: exists}");
  Finding finding;
  finding.policy = &policy;
  finding.blueprint = "demo";
  finding.resource = "assets";
  finding.fingerprint = "v1:0123456789abcdef";
  const auto dir = std::filesystem::temp_directory_path() / "dharma-policy-baseline";
  std::filesystem::create_directories(dir);
  const auto file = (dir / "baseline.json").string();
  std::ofstream(file) << baseline_json({"demo"}, {finding});
  auto baseline = load_baseline(file, {"demo"});
  std::vector<Finding> findings{finding, finding};
  findings[1].resource = "other";
  apply_baseline(baseline, findings);
  CHECK(findings[0].state == FindingState::baselined);
  CHECK(findings[1].state == FindingState::open);
  CHECK_THROWS_WITH_AS(load_baseline(file, {"shop"}),
                       (file +
                        ": baseline was recorded for blueprint(s) demo, not shop (recreate it with "
                        "--baseline-create " +
                        file + ")")
                           .c_str(),
                       util::Error);
  std::ofstream(file)
      << "{\"format\": \"dharma-guard-baseline/v1\", \"blueprints\": [\"demo\"], \"findings\": [";
  CHECK_THROWS_AS(load_baseline(file, {"demo"}), util::Error);
}

TEST_CASE("policy::valid_date, calendar dates only") {
  CHECK(valid_date("2027-06-30"));
  CHECK(valid_date("2028-02-29"));
  CHECK_FALSE(valid_date("2027-02-29"));
  CHECK_FALSE(valid_date("2027-13-01"));
  CHECK_FALSE(valid_date("06/30/2027"));
  CHECK_FALSE(valid_date("2027-6-30"));
  CHECK(valid_date(dharma::util::today_utc()));
}

TEST_CASE("policy::format_sarif, one rule per policy and located results") {
  auto policy = make_policy("sec-001", Severity::critical, Enforcement::hard,
                            "{path: properties.encrypted, op: exists}");
  Report report;
  report.files = {"demo.yaml"};
  report.blueprints = {"demo"};
  report.policies = {&policy};
  Finding finding;
  finding.policy = &policy;
  finding.blueprint = "demo";
  finding.file = "demo.yaml";
  finding.resource = "assets";
  finding.location = {"demo.yaml", 7, 9};
  finding.message = "not encrypted";
  finding.fingerprint = "v1:0123456789abcdef";
  finding.state = FindingState::suppressed;
  finding.suppression = Suppression{"accepted", "", false, {}};
  report.findings.push_back(finding);
  const auto sarif = nlohmann::json::parse(format_sarif(report));
  CHECK(sarif["version"] == "2.1.0");
  const auto& run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["rules"].size() == 1);
  CHECK(run["tool"]["driver"]["rules"][0]["properties"]["security-severity"] == "9.5");
  const auto& result = run["results"][0];
  CHECK(result["ruleId"] == "sec-001");
  CHECK(result["level"] == "error");
  CHECK(result["message"]["text"] == "not encrypted.");
  CHECK(result["locations"][0]["physicalLocation"]["region"]["startLine"] == 7);
  CHECK(result["locations"][0]["physicalLocation"]["region"]["startColumn"] == 9);
  CHECK(result["suppressions"][0]["justification"] == "accepted");
  CHECK(result["partialFingerprints"]["dharmaGuardFingerprint/v1"] == "v1:0123456789abcdef");
}

TEST_CASE("policy::render_message fills every kind of placeholder, (unset) and (sensitive) included") {
  Policy policy =
      make_policy("sec-001", Severity::high, Enforcement::hard, "{path: properties.x, op: exists}");
  policy.parameter_values = {{"days", value::Value::integer(7)}};
  value::Map properties = {
      {"size", value::Value::string("large")},
      {"nested", value::Value::map({{"list", value::Value::list({value::Value::integer(3)})}})}};
  auto secret = value::Value::string("hunter2");
  secret.sensitive = true;
  properties.emplace_back("password", secret);
  Subject subject;
  subject.name = value::Value::string("db");
  subject.type = value::Value::string("database.postgres");
  subject.region = value::Value::string("eu-west-1");
  subject.count = value::Value::integer(2);
  subject.properties = &properties;
  subject.tags = {{"owner", value::Value::string("team-a")}};
  CHECK(render_message("${resource.name} (${resource.type}) in ${resource.region}, x${resource.count}",
                       policy, subject) == "db (database.postgres) in eu-west-1, x2");
  CHECK(render_message("${resource.provider} ${resource.environment} ${resource.properties} ${resource.x}",
                       policy, subject) == "(unset) (unset) (unset) (unset)");
  CHECK(render_message("${policy.id}: ${policy.name}; ${param.days} days; ${param.none}", policy, subject) ==
        "sec-001: Policy sec-001; 7 days; (unset)");
  CHECK(render_message("${properties.size}/${properties.nested.list.0}/${properties.password}/${tags.owner}",
                       policy, subject) == "large/3/(sensitive)/team-a");
  CHECK(render_message("no placeholder", policy, subject) == "no placeholder");
  CHECK(render_message("cut ${resource.name", policy, subject) == "cut ");
  CHECK(render_message("", policy, subject).empty());
}
