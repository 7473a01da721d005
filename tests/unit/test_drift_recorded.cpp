// `drift --recorded`: what the blueprint changed since the recorded version,
// and the three-way verdict of each finding against the actual state.

#include <doctest/doctest.h>

#include <memory>

#include "dharma/drift/recorded.hpp"
#include "dharma/drift/reporters.hpp"

using namespace dharma::drift;
using nlohmann::json;

namespace {

DesiredResource resource(const std::string& address, json attributes) {
  DesiredResource desired;
  desired.arena = std::make_shared<ValueArena>();  // the resource's strings are views of its arena
  desired.address = desired.arena->copy(address);
  desired.type = desired.arena->copy(address.substr(0, address.find('.')));
  desired.name = desired.arena->copy(address.substr(address.find('.') + 1));
  desired.attributes = from_json(attributes, *desired.arena);
  return desired;
}

ResourceFinding finding(const std::string& address, Status status) {
  ResourceFinding result;
  result.address = address;
  result.status = status;
  return result;
}

}  // namespace

TEST_CASE("compare_versions: changed, added and removed by address; unchanged left out") {
  const std::vector<DesiredResource> recorded = {
      resource("aws_vpc.vpc", {{"cidr_block", "10.0.0.0/16"}}),
      resource("aws_instance.web", {{"instance_type", "t3.small"}}),
      resource("aws_s3_bucket.old", {{"bucket", "old"}})};
  const std::vector<DesiredResource> current = {resource("aws_vpc.vpc", {{"cidr_block", "10.0.0.0/16"}}),
                                                resource("aws_instance.web", {{"instance_type", "t3.large"}}),
                                                resource("aws_s3_bucket.new", {{"bucket", "new"}})};
  const auto delta = compare_versions(recorded, current);
  CHECK(delta.changed == std::vector<std::string>{"aws_instance.web"});
  CHECK(delta.added == std::vector<std::string>{"aws_s3_bucket.new"});
  CHECK(delta.removed == std::vector<std::string>{"aws_s3_bucket.old"});
  CHECK(delta_summary(delta) == "1 resource changed, 1 added, 1 removed since");
  CHECK_FALSE(delta.touches("aws_vpc.vpc"));

  const auto findings = findings_since_recorded(recorded, current);
  REQUIRE(findings.size() == 4);
  CHECK(findings[0].status == Status::in_sync);
  CHECK(findings[0].verdict.empty());
  CHECK(findings[1].status == Status::changed);
  CHECK(findings[1].verdict == k_not_applied_yet);
  REQUIRE(findings[1].changes.size() == 1);
  CHECK(findings[1].changes[0].path == "instance_type");
  CHECK(findings[1].changes[0].desired == "t3.large");
  CHECK(findings[1].changes[0].actual == "t3.small");
  CHECK(findings[2].status == Status::missing);
  CHECK(findings[3].status == Status::unmanaged);
  CHECK(findings[3].address == "aws_s3_bucket.old");
}

TEST_CASE("assign_verdicts: outside IaC, not applied yet, both") {
  VersionDelta delta;
  delta.changed = {"aws_instance.moved_and_edited", "aws_instance.moved"};
  delta.added = {"aws_s3_bucket.added"};
  std::vector<ResourceFinding> current = {
      finding("aws_instance.edited", Status::changed),  // deploy: edited by hand too
      finding("aws_instance.moved", Status::changed),   // deploy: matches
      finding("aws_instance.moved_and_edited", Status::changed),
      finding("aws_s3_bucket.added", Status::missing),     // not in the recorded comparison
      finding("aws_instance.by_hand", Status::unmanaged),  // not in the recorded comparison
      finding("aws_vpc.vpc", Status::in_sync)};
  const std::vector<ResourceFinding> recorded = {
      finding("aws_instance.edited", Status::changed), finding("aws_instance.moved", Status::in_sync),
      finding("aws_instance.moved_and_edited", Status::changed), finding("aws_vpc.vpc", Status::in_sync)};
  assign_verdicts(current, recorded, delta);
  CHECK(current[0].verdict == k_changed_outside_iac);
  CHECK(current[1].verdict == k_not_applied_yet);
  CHECK(current[2].verdict == k_changed_outside_and_not_applied);
  CHECK(current[3].verdict == k_not_applied_yet);
  CHECK(current[4].verdict == k_changed_outside_iac);
  CHECK(current[5].verdict.empty());
}

TEST_CASE("assign_verdicts: a resource found inside a module is the blueprint's module-free one") {
  VersionDelta delta;
  delta.changed = {"aws_instance.web[0]"};
  std::vector<ResourceFinding> current = {
      finding("module.app.aws_instance.web[0]", Status::changed),
      finding("module.a[\"x.y\"].module.b.aws_instance.web[0]", Status::changed),
      finding("module.app.aws_vpc.vpc", Status::changed)};
  const std::vector<ResourceFinding> recorded = {
      finding("module.app.aws_instance.web[0]", Status::changed),
      finding("module.a[\"x.y\"].module.b.aws_instance.web[0]", Status::in_sync),
      finding("module.app.aws_vpc.vpc", Status::changed)};
  assign_verdicts(current, recorded, delta);
  CHECK(current[0].verdict == k_changed_outside_and_not_applied);
  CHECK(current[1].verdict == k_not_applied_yet);
  CHECK(current[2].verdict == k_changed_outside_iac);
}

TEST_CASE("finding_key: the verdict is part of a finding's identity") {
  auto first = finding("aws_instance.web", Status::changed);
  first.verdict = k_not_applied_yet;
  auto second = first;
  second.verdict = k_changed_outside_and_not_applied;
  CHECK(finding_key(first) != finding_key(second));
  CHECK(finding_key(first) == finding_key(first));
}

TEST_CASE(
    "every report format carries the verdict, drifted-since, the recorded summary and the drift's cost") {
  DriftReport report;
  report.blueprint = "shop.yaml";
  report.recorded =
      "prod runs version 3 (sha256 abc…), the blueprint is version 5: 2 resources changed, 1 added, "
      "0 removed since";
  auto changed = finding("aws_instance.web", Status::changed);
  changed.blueprint_resource = "web";
  changed.verdict = k_changed_outside_iac;
  changed.drifted_since = "2026-11-30";
  changed.changes.push_back({"instance_type", "t3.small", "t3.xlarge", Severity::medium, false});
  report.resources.push_back(changed);
  DriftCost cost;
  cost.blueprint_resource = "web";
  cost.properties = {"size: t3.small -> t3.xlarge"};
  cost.desired_monthly = 15.18;
  cost.actual_monthly = 121.47;
  report.costs.push_back(cost);
  CHECK(report.cost_delta() == doctest::Approx(106.29));
  CHECK(cost_line(cost) == "web (size: t3.small -> t3.xlarge): $15.18 -> $121.47 a month, +$106.29");
  CHECK(signed_money(-3) == "-$3.00");

  const std::string text = format_text(report);
  CHECK(text.find("changed outside IaC  drifted since 2026-11-30") != std::string::npos);
  CHECK(text.find("cost: the drift costs +$106.29 a month (USD) against the blueprint") != std::string::npos);
  CHECK(text.find("recorded: prod runs version 3") != std::string::npos);

  const auto document = json::parse(format_json(report));
  CHECK(document["recorded"] == report.recorded);
  CHECK(document["findings"][0]["verdict"] == "changed outside IaC");
  CHECK(document["findings"][0]["drifted_since"] == "2026-11-30");
  CHECK(document["cost"]["monthly_delta"] == doctest::Approx(106.29));
  CHECK(document["cost"]["resources"][0]["actual_monthly"] == doctest::Approx(121.47));

  const std::string markdown = format_markdown(report);
  CHECK(markdown.find("Monthly cost of the drift: **+$106.29** (USD)") != std::string::npos);
  CHECK(markdown.find("changed, changed outside IaC, since 2026-11-30") != std::string::npos);

  const auto sarif = json::parse(format_sarif(report));
  CHECK(sarif["runs"][0]["properties"]["monthlyCostOfDrift"] == "+$106.29");
  CHECK(sarif["runs"][0]["results"][0]["message"]["text"].get<std::string>().find(
            "Changed outside IaC, drifted since 2026-11-30.") != std::string::npos);

  report.costs.clear();
  report.recorded.clear();
  CHECK(json::parse(format_json(report)).contains("cost") == false);
  CHECK(format_text(report).find("cost:") == std::string::npos);
}
