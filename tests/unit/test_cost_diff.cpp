// Cost diffs: matching by name, deltas, percentages and the CI thresholds.

#include <doctest/doctest.h>

#include "cost_test_support.hpp"
#include "dharma/cost/diff.hpp"
#include "dharma/cost/estimator.hpp"

using namespace dharma;
using namespace dharma::cost;
using namespace dharma::cost::testing;

namespace {

Estimate priced(std::vector<ResourceFacts> resources) {
  return estimate_cost(facts_of("dev", std::move(resources)), &shipped_catalog("aws"), nullptr);
}

ResourceFacts web(const char* size, long long count) {
  return resource("web", "compute.instance", {{"size", str(size)}, {"disk_gb", num(10)}}, count);
}

}  // namespace

TEST_CASE("diff_estimates, added, removed, changed and unchanged") {
  const auto before = priced({web("t3.medium", 2), resource("vpc", "network.vpc", {}),
                              resource("cache", "cache.redis", {{"size", str("cache.t3.micro")}})});
  const auto after =
      priced({web("t3.large", 2), resource("vpc", "network.vpc", {}),
              resource("db", "database.postgres", {{"size", str("db.t3.micro")}, {"storage_gb", num(20)}})});
  const auto diff = diff_estimates(before, after, "old.yaml", "new.yaml");
  REQUIRE(diff.resources.size() == 4);
  CHECK(diff.resources[0].kind == ChangeKind::changed);
  CHECK(diff.resources[0].old_sku == "t3.medium");
  CHECK(diff.resources[0].new_sku == "t3.large");
  CHECK(diff.resources[0].delta() == doctest::Approx((0.0832 - 0.0416) * 730 * 2));
  CHECK(diff.resources[1].kind == ChangeKind::unchanged);
  CHECK(diff.resources[2].kind == ChangeKind::added);
  CHECK(diff.resources[3].kind == ChangeKind::removed);
  CHECK(diff.resources[3].name == "cache");
  CHECK(diff.delta() == doctest::Approx(after.monthly - before.monthly));
  CHECK(*diff.percent() == doctest::Approx((after.monthly - before.monthly) / before.monthly * 100));
}

TEST_CASE("diff_threshold_failures, amount and percentage") {
  const auto before = priced({web("t3.medium", 1)});
  const auto after = priced({web("t3.medium", 2)});
  const auto diff = diff_estimates(before, after, "a", "b");
  // twice the instances and disks: +$31.17/month, +100%
  CHECK(diff_threshold_failures(diff, 100.0, 100.0).empty());  // not above 100%
  const auto amount = diff_threshold_failures(diff, 10.0, std::nullopt);
  REQUIRE(amount.size() == 1);
  CHECK(amount[0] == "the monthly cost rises by $31.17, above --fail-above $10.00");
  const auto percent = diff_threshold_failures(diff, std::nullopt, 50.0);
  REQUIRE(percent.size() == 1);
  CHECK(percent[0] == "the monthly cost rises by 100.0%, above --fail-above-percent 50%");
}

TEST_CASE("diff_threshold_failures, from nothing to something") {
  const auto diff = diff_estimates(priced({}), priced({web("t3.micro", 1)}), "a", "b");
  CHECK_FALSE(diff.percent().has_value());
  CHECK(diff_threshold_failures(diff, std::nullopt, 10.0).size() == 1);
}
