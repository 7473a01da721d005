// Recommendations: what applies where, and savings that never double-count.

#include <doctest/doctest.h>

#include "cost_test_support.hpp"
#include "dharma/cost/estimator.hpp"
#include "dharma/cost/recommend.hpp"

using namespace dharma;
using namespace dharma::cost;
using namespace dharma::cost::testing;

namespace {

Estimate recommended(const BlueprintFacts& facts) {
  auto estimate = estimate_cost(facts, &shipped_catalog("aws"), nullptr);
  recommend(estimate, shipped_catalog("aws"));
  return estimate;
}

const Recommendation* find(const Estimate& estimate, const std::string& kind) {
  for (const auto& r : estimate.recommendations) {
    if (r.kind == kind) {
      return &r;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("classify_environment, by name") {
  CHECK(classify_environment("prod") == EnvironmentClass::production);
  CHECK(classify_environment("Production") == EnvironmentClass::production);
  CHECK(classify_environment("staging") == EnvironmentClass::non_production);
  CHECK(classify_environment("dev") == EnvironmentClass::non_production);
  CHECK(classify_environment("default") == EnvironmentClass::unknown);
}

TEST_CASE("recommend, non-production: right-size then spot on what is left") {
  const auto estimate = recommended(facts_of(
      "dev", {resource("web", "compute.instance", {{"size", str("m5.2xlarge")}, {"disk_gb", num(8)}}, 2)}));
  const auto* right_size = find(estimate, "right_size");
  const auto* spot = find(estimate, "spot");
  REQUIRE(right_size != nullptr);
  REQUIRE(spot != nullptr);
  const double on_demand = 0.384 * 730 * 2;
  const double resized = 0.192 * 730 * 2;
  CHECK(right_size->monthly_saving == doctest::Approx(on_demand - resized));
  CHECK(right_size->action == "instance: m5.2xlarge -> m5.xlarge");
  CHECK(spot->monthly_saving == doctest::Approx(resized * 0.65));
  CHECK(find(estimate, "reserved") == nullptr);
  // Together they never exceed the instance's cost.
  CHECK(estimate.recommended_saving() < on_demand);
}

TEST_CASE("recommend, production: reserved and savings plan are alternatives") {
  const auto estimate = recommended(facts_of(
      "prod", {resource("web", "compute.instance", {{"size", str("t3.medium")}, {"disk_gb", num(8)}})}));
  const auto* reserved = find(estimate, "reserved");
  const auto* plan = find(estimate, "savings_plan");
  REQUIRE(reserved != nullptr);
  REQUIRE(plan != nullptr);
  CHECK(reserved->counted);
  CHECK_FALSE(plan->counted);
  CHECK(estimate.recommended_saving() == doctest::Approx(0.0416 * 730 * 0.37));
  CHECK(find(estimate, "spot") == nullptr);
  CHECK(find(estimate, "right_size") == nullptr);
}

TEST_CASE("recommend, storage tiering in any environment") {
  const auto estimate = recommended(facts_of(
      "default",
      {resource("data", "storage.volume", {{"disk_type", str("provisioned")}, {"storage_gb", num(500)}})}));
  const auto* tier = find(estimate, "storage_tier");
  REQUIRE(tier != nullptr);
  CHECK(tier->action == "volume: io2 -> gp3");
  CHECK(tier->monthly_saving == doctest::Approx(500 * (0.125 - 0.08)));
  CHECK(estimate.recommendations.size() == 1);
}
