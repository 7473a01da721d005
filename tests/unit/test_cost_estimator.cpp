// The estimator's maths against the shipped AWS catalog: hourly × 730,
// count and multi-AZ multiply, usage-based lines, and explicit "not priced"
// lines for everything it cannot price.

#include <doctest/doctest.h>

#include "cost_test_support.hpp"
#include "dharma/cost/estimator.hpp"

using namespace dharma;
using namespace dharma::cost;
using namespace dharma::cost::testing;

namespace {

Estimate run(const BlueprintFacts& facts, const UsageFile* usage = nullptr) {
  return estimate_cost(facts, &shipped_catalog("aws"), usage);
}

}  // namespace

TEST_CASE("estimate_cost, hourly price times 730 times count") {
  const auto estimate = run(facts_of(
      "dev", {resource("web", "compute.instance", {{"size", str("t3.medium")}, {"disk_gb", num(30)}}, 3)}));
  REQUIRE(estimate.resources.size() == 1);
  const auto& lines = estimate.resources[0].lines;
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].sku == "t3.medium");
  CHECK(lines[0].quantity == 3);
  CHECK(lines[0].monthly == doctest::Approx(0.0416 * 730 * 3));
  CHECK(lines[1].sku == "gp3");
  CHECK(lines[1].quantity == 90);
  CHECK(lines[1].monthly == doctest::Approx(0.08 * 90));
  CHECK(lines[2].status == LineStatus::usage_unset);
  CHECK(lines[2].monthly == 0);
  CHECK(lines[2].note == "usage-based: set resources.web.data_transfer_out_gb in a --usage file");
  CHECK(estimate.monthly == doctest::Approx(91.104 + 7.2));
  CHECK(estimate.hourly() == doctest::Approx((91.104 + 7.2) / 730));
  CHECK(estimate.yearly() == doctest::Approx((91.104 + 7.2) * 12));
  CHECK(estimate.subtotals.at("compute") == doctest::Approx(estimate.monthly));
  CHECK(estimate.usage_unset == 1);
  CHECK(estimate.not_priced == 0);
}

TEST_CASE("estimate_cost, multi-AZ doubles instance and storage; replicas add instances") {
  const auto estimate = run(facts_of("prod", {resource("db", "database.postgres",
                                                       {{"size", str("db.m5.large")},
                                                        {"storage_gb", num(100)},
                                                        {"multi_az", flag(true)},
                                                        {"replicas", num(1)}})}));
  const auto& lines = estimate.resources[0].lines;
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].monthly == doctest::Approx(0.178 * 730 * 2));
  CHECK(lines[1].monthly == doctest::Approx(0.115 * 100 * 2));
  CHECK(lines[2].component == "read replicas");
  CHECK(lines[2].monthly == doctest::Approx(0.178 * 730));
  CHECK(estimate.subtotals.at("database") == doctest::Approx(estimate.monthly));
}

TEST_CASE("estimate_cost, zero replicas and single-AZ add nothing") {
  const auto estimate = run(facts_of(
      "dev", {resource("db", "database.mysql", {{"size", str("db.t3.micro")}, {"storage_gb", num(20)}})}));
  REQUIRE(estimate.resources[0].lines.size() == 2);
  CHECK(estimate.monthly == doctest::Approx(0.017 * 730 + 0.115 * 20));
}

TEST_CASE("estimate_cost, autoscaling minimum multiplies") {
  const auto estimate = run(
      facts_of("dev", {resource("workers", "compute.autoscaling_group",
                                {{"size", str("c5.large")}, {"min_size", num(4)}, {"disk_gb", num(20)}})}));
  CHECK(estimate.resources[0].lines[0].monthly == doctest::Approx(0.085 * 730 * 4));
  CHECK(estimate.resources[0].lines[1].quantity == 80);
}

TEST_CASE("estimate_cost, usage file quantities and capacity-unit estimate") {
  UsageFile usage;
  usage.resources["assets"]["storage_gb"] = UsageValue{500, {}};
  usage.resources["lb"]["capacity_units"] = UsageValue{3, {}};
  const auto estimate = run(
      facts_of("dev", {resource("assets", "storage.bucket", {}), resource("lb", "network.load_balancer", {}),
                       resource("lb2", "network.load_balancer", {})}),
      &usage);
  CHECK(estimate.resources[0].lines[0].status == LineStatus::usage);
  CHECK(estimate.resources[0].lines[0].monthly == doctest::Approx(0.023 * 500));
  CHECK(estimate.resources[1].lines[1].monthly == doctest::Approx(0.008 * 3 * 730));
  const auto& estimated = estimate.resources[2].lines[1];
  CHECK(estimated.status == LineStatus::estimated);
  CHECK(estimated.monthly == doctest::Approx(0.008 * 730));
  CHECK(estimated.note == "estimate of 1 unit; set resources.lb2.capacity_units in a --usage file");
}

TEST_CASE("estimate_cost, explicit not-priced lines with reasons") {
  SUBCASE("unknown size, with a suggestion") {
    const auto estimate = run(facts_of(
        "dev", {resource("web", "compute.instance", {{"size", str("t3.medum")}, {"disk_gb", num(8)}})}));
    const auto& line = estimate.resources[0].lines[0];
    CHECK(line.status == LineStatus::not_priced);
    CHECK(line.monthly == 0);
    CHECK(line.note == "no price for 't3.medum' (ec2) in us-east-1 (did you mean 't3.medium'?)");
    CHECK(estimate.not_priced == 1);
  }
  SUBCASE("unknown region") {
    const auto estimate = run(facts_of(
        "dev", {resource("web", "compute.instance", {{"size", str("t3.medium")}, {"disk_gb", num(8)}})},
        "us-east-9"));
    CHECK(estimate.resources[0].lines[0].note ==
          "region 'us-east-9' is not in pricing/aws.yaml (did you mean 'us-east-1'?)");
    CHECK(estimate.not_priced == 3);
    CHECK(estimate.monthly == 0);
  }
  SUBCASE("provider-native type") {
    const auto estimate = run(facts_of("dev", {resource("role", "aws_iam_role", {})}));
    CHECK(estimate.resources[0].lines[0].note ==
          "type 'aws_iam_role' has no price mapping in pricing/aws.yaml");
    CHECK(estimate.resources[0].category == "other");
  }
  SUBCASE("a missing required property") {
    const auto estimate = run(facts_of("dev", {resource("web", "compute.instance", {{"disk_gb", num(8)}})}));
    CHECK(estimate.resources[0].lines[0].note == "property 'size' is not set");
  }
  SUBCASE("a symbolic size") {
    Scalar symbolic;
    symbolic.text = "${param.size}";
    const auto estimate = run(
        facts_of("dev", {resource("web", "compute.instance", {{"size", symbolic}, {"disk_gb", num(8)}})}));
    CHECK(estimate.resources[0].lines[0].note ==
          "property 'size' is not a plain value, expected a size or class name");
  }
}

TEST_CASE("estimate_cost, portable classes map to provider SKUs") {
  const auto estimate = run(facts_of(
      "dev", {resource("data", "storage.volume", {{"disk_type", str("standard")}, {"storage_gb", num(100)}}),
              resource("odd", "storage.volume", {{"disk_type", str("floppy")}, {"storage_gb", num(1)}})}));
  CHECK(estimate.resources[0].lines[0].sku == "st1");
  CHECK(estimate.resources[0].monthly == doctest::Approx(4.5));
  CHECK(estimate.resources[1].lines[0].note ==
        "disk_type 'floppy' has no aws SKU (known: provisioned, ssd, standard)");
}

TEST_CASE("estimate_cost, free types cost nothing and say why") {
  const auto estimate =
      run(facts_of("dev", {resource("vpc", "network.vpc", {}), resource("app", "k8s.deployment", {})}));
  CHECK(estimate.resources[0].lines[0].status == LineStatus::free);
  CHECK(estimate.resources[1].category == "kubernetes");
  CHECK(estimate.monthly == 0);
  CHECK(estimate.not_priced == 0);
}

TEST_CASE("estimate_cost, no catalog for the provider") {
  auto facts = facts_of("dev", {resource("web", "compute.instance", {})});
  facts.provider = "oracle";
  const auto estimate = estimate_cost(facts, nullptr, nullptr);
  CHECK(estimate.resources[0].lines[0].note == "no price catalog for provider 'oracle'");
  CHECK(estimate.not_priced == 1);
}

TEST_CASE("estimate_cost, usage for unknown resources or quantities is an error") {
  UsageFile usage;
  usage.resources["asets"]["storage_gb"] = UsageValue{5, {"u.yaml", 2, 3}};
  usage.resource_locations["asets"] = {"u.yaml", 2, 3};
  usage.resources["assets"]["storage_gigs"] = UsageValue{5, {"u.yaml", 4, 17}};
  usage.resource_locations["assets"] = {"u.yaml", 4, 3};
  const auto estimate = estimate_cost(facts_of("dev", {resource("assets", "storage.bucket", {})}),
                                      &shipped_catalog("aws"), &usage);
  util::Diagnostics diagnostics;
  check_usage(usage, {&estimate}, diagnostics);
  REQUIRE(diagnostics.error_count() == 2);
  const auto sorted = diagnostics.sorted();
  CHECK(util::format_diagnostic(sorted[0]) ==
        "u.yaml:2:3: error: usage given for unknown resource 'asets' (did you mean 'assets'?)");
  CHECK(util::format_diagnostic(sorted[1]) ==
        "u.yaml:4:17: error: 'storage_gigs' is not a usage quantity of resource 'assets' (it uses: "
        "data_transfer_out_gb, storage_gb) (did you mean 'storage_gb'?)");
}
