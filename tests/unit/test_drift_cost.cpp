// The monthly cost of the drift priced through the provider mapping: the
// attribute a mapping renders a property into moves that property, whatever
// form the actual value takes ("50" or 50, a one-element list, a choose()
// table read backwards), and is priced with the shipped AWS catalog.

#include <doctest/doctest.h>

#include "blueprint_fixture.hpp"
#include "cost_test_support.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/drift/carried_properties.hpp"
#include "dharma/drift/drift_cost.hpp"

using namespace dharma;
using namespace dharma::drift;
using namespace dharma::cost::testing;
using nlohmann::json;

namespace {

// One changed aws_instance finding of blueprint resource `web`.
DriftReport changed_web(std::vector<Change> changes) {
  ResourceFinding finding;
  finding.address = "aws_instance.web";
  finding.type = "aws_instance";
  finding.blueprint_resource = "web";
  finding.status = Status::changed;
  finding.changes = std::move(changes);
  DriftReport report;
  report.resources.push_back(std::move(finding));
  return report;
}

const cost::BlueprintFacts k_facts = facts_of("default", {resource("web", "compute.instance",
                                                                   {{"size", str("t3.small")},
                                                                    {"disk_gb", num(20)},
                                                                    {"disk_type", str("ssd")},
                                                                    {"min_size", num(20)}})});

}  // namespace

TEST_CASE("carried_properties reads which property each attribute carries from the mapping") {
  const auto* mapping = test::real_mappings().find("aws", "compute.instance");
  REQUIRE(mapping != nullptr);
  const auto carried = carried_properties(*mapping);
  REQUIRE(carried.count("aws_instance") == 1);
  const auto& attributes = carried.at("aws_instance");
  CHECK(attributes.at("instance_type").property == "size");
  CHECK(attributes.at("root_block_device.volume_size").property == "disk_gb");
  CHECK(attributes.at("root_block_device.volume_type").property == "disk_type");
  CHECK(attributes.at("root_block_device.volume_type").inverse.at("io2") == "provisioned");
  CHECK(carried.count("aws_ami") == 0);  // a data source renders nothing that runs
  CHECK(path_without_indexes("root_block_device[0].volume_size") == "root_block_device.volume_size");
  CHECK(path_without_indexes("tags[\"a[1]\"]") == "tags");
}

TEST_CASE("price_drift prices the actual sizes through the mapping") {
  const cost::PriceCatalog& catalog = shipped_catalog("aws");
  SUBCASE("a size written as text is the number it stands for") {
    DriftReport report =
        changed_web({{"root_block_device[0].volume_size", json(20), json("50"), Severity::medium}});
    price_drift(k_facts, &catalog, report, &test::real_mappings());
    REQUIRE(report.costs.size() == 1);
    CHECK(report.costs[0].properties == std::vector<std::string>{"disk_gb: 20 -> 50"});
    // 30 GB more gp3 at $0.08 a GB-month.
    CHECK(report.costs[0].delta() == doctest::Approx(30 * 0.08).epsilon(0.001));
  }
  SUBCASE("the property is the one the attribute carries, not another of the same value") {
    // disk_gb and min_size are both 20; the volume size carries disk_gb.
    DriftReport report =
        changed_web({{"root_block_device.volume_size", json(20), json(40), Severity::medium}});
    price_drift(k_facts, &catalog, report, &test::real_mappings());
    REQUIRE(report.costs.size() == 1);
    CHECK(report.costs[0].properties == std::vector<std::string>{"disk_gb: 20 -> 40"});
  }
  SUBCASE("a volume type read back through the mapping's choose() table") {
    DriftReport report =
        changed_web({{"root_block_device[0].volume_type", json("gp3"), json("io2"), Severity::medium}});
    price_drift(k_facts, &catalog, report, &test::real_mappings());
    REQUIRE(report.costs.size() == 1);
    CHECK(report.costs[0].properties == std::vector<std::string>{"disk_type: ssd -> provisioned"});
    // 20 GB of io2 ($0.125) instead of gp3 ($0.08).
    CHECK(report.costs[0].delta() == doctest::Approx(20 * (0.125 - 0.08)).epsilon(0.001));
  }
  SUBCASE("an instance type and a size together") {
    DriftReport report =
        changed_web({{"instance_type", json("t3.small"), json("t3.large"), Severity::medium},
                     {"root_block_device[0].volume_size", json(20), json(50), Severity::medium}});
    price_drift(k_facts, &catalog, report, &test::real_mappings());
    REQUIRE(report.costs.size() == 1);
    CHECK(report.costs[0].properties ==
          std::vector<std::string>{"disk_gb: 20 -> 50", "size: t3.small -> t3.large"});
    CHECK(report.costs[0].delta() == doctest::Approx((0.0832 - 0.0208) * 730 + 30 * 0.08).epsilon(0.01));
  }
  SUBCASE("a change the price does not depend on costs nothing") {
    DriftReport report = changed_web({{"monitoring", json(false), json(true), Severity::medium}});
    price_drift(k_facts, &catalog, report, &test::real_mappings());
    CHECK(report.costs.empty());
  }
}

TEST_CASE("price_drift prices the instances a counted resource runs") {
  const cost::PriceCatalog& catalog = shipped_catalog("aws");
  const cost::BlueprintFacts facts = facts_of(
      "default", {resource("web", "compute.instance", {{"size", str("t3.large")}, {"disk_gb", num(20)}}, 2)});
  auto instance = [](const std::string& address, Status status) {
    ResourceFinding finding;
    finding.address = address;
    finding.type = "aws_instance";
    finding.blueprint_resource = status == Status::unmanaged ? "" : "web";
    finding.status = status;
    return finding;
  };
  const double one_instance = 0.0832 * 730 + 20 * 0.08;  // the instance and its 20 GB gp3 volume
  SUBCASE("one of two missing") {
    DriftReport report;
    report.resources = {instance("aws_instance.web[0]", Status::in_sync),
                        instance("aws_instance.web[1]", Status::missing)};
    price_drift(facts, &catalog, report, &test::real_mappings());
    REQUIRE(report.costs.size() == 1);
    CHECK(report.costs[0].properties == std::vector<std::string>{"count: 2 -> 1"});
    CHECK(report.costs[0].delta() == doctest::Approx(-one_instance).epsilon(0.01));
  }
  SUBCASE("two more added by hand") {
    DriftReport report;
    report.resources = {instance("aws_instance.web[0]", Status::in_sync),
                        instance("aws_instance.web[1]", Status::in_sync),
                        instance("aws_instance.web[2]", Status::unmanaged),
                        instance("aws_instance.web[3]", Status::unmanaged),
                        instance("aws_instance.other[0]", Status::unmanaged)};
    price_drift(facts, &catalog, report, &test::real_mappings());
    REQUIRE(report.costs.size() == 1);
    CHECK(report.costs[0].properties == std::vector<std::string>{"count: 2 -> 4"});
    CHECK(report.costs[0].delta() == doctest::Approx(2 * one_instance).epsilon(0.01));
  }
  SUBCASE("as many as the blueprint says: nothing to price") {
    DriftReport report;
    report.resources = {instance("aws_instance.web[0]", Status::in_sync),
                        instance("aws_instance.web[1]", Status::in_sync)};
    price_drift(facts, &catalog, report, &test::real_mappings());
    CHECK(report.costs.empty());
  }
}
