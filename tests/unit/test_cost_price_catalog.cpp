// The shipped price catalogs load cleanly and hold well-known list prices;
// a corrupt catalog is rejected with file:line:col.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "dharma/cost/price_catalog.hpp"

using namespace dharma;

namespace {

std::filesystem::path pricing_dir() {
  return std::filesystem::path(DHARMA_TEST_DATA_DIR) / ".." / "pricing";
}

cost::PriceCatalog load_shipped(const std::string& provider) {
  util::Diagnostics diagnostics;
  auto catalog = cost::load_price_catalog(pricing_dir() / (provider + ".yaml"), diagnostics);
  for (const auto& d : diagnostics.all()) {
    MESSAGE(util::format_diagnostic(d));
  }
  REQUIRE(catalog.has_value());
  return *catalog;
}

std::string load_error(const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "dharma-test-price-catalog";
  std::filesystem::create_directories(dir);
  const auto file = dir / "bad.yaml";
  std::ofstream(file) << text;
  util::Diagnostics diagnostics;
  const auto catalog = cost::load_price_catalog(file, diagnostics);
  CHECK_FALSE(catalog.has_value());
  REQUIRE(!diagnostics.all().empty());
  auto message = util::format_diagnostic(diagnostics.sorted().front());
  return message.substr(message.find("bad.yaml"));
}

const char* k_minimal = R"(provider: aws
currency: USD
source: test
as_of: 2026-11-22
services:
  ec2: {unit: hour}
regions:
  us-east-1:
    ec2: {t3.medium: 0.0416}
resources:
  compute.instance:
    category: compute
    lines:
      - {component: instance, service: ec2, sku_from: size, quantity: [count]}
)";

}  // namespace

TEST_CASE("PriceCatalog::price, well-known list prices") {
  const auto aws = load_shipped("aws");
  CHECK(*aws.price("us-east-1", "ec2", "t3.medium") == doctest::Approx(0.0416));
  CHECK(*aws.price("us-east-1", "ec2", "t3.large") == doctest::Approx(0.0832));
  CHECK(*aws.price("us-east-1", "ec2", "c5.4xlarge") == doctest::Approx(0.68));
  CHECK(*aws.price("us-west-2", "ec2", "t3.medium") == doctest::Approx(0.0416));
  CHECK(*aws.price("us-east-1", "eks", "cluster") == doctest::Approx(0.10));
  CHECK(*aws.price("us-east-1", "nat_gateway", "gateway") == doctest::Approx(0.045));
  CHECK(*aws.price("us-east-1", "data_transfer_out", "internet") == doctest::Approx(0.09));
  CHECK(*aws.price("us-east-1", "elasticache", "cache.t3.medium") == doctest::Approx(0.068));
  CHECK(aws.price("us-east-1", "ec2", "t3.mega") == nullptr);
  CHECK(aws.price("mars-1", "ec2", "t3.medium") == nullptr);
  CHECK(aws.source.find("AWS") != std::string::npos);
  CHECK(aws.as_of == "2026-11-22");

  const auto gcp = load_shipped("gcp");
  CHECK(*gcp.price("us-central1", "gke", "cluster") == doctest::Approx(0.10));
  CHECK(*gcp.price("us-central1", "compute", "e2-standard-2") == doctest::Approx(0.067006));

  const auto azure = load_shipped("azure");
  CHECK(*azure.price("eastus", "vm", "Standard_D2s_v3") == doctest::Approx(0.096));
  CHECK(azure.find_region("westeurope") != nullptr);
}

TEST_CASE("PriceCatalog::find_type, exact names win over globs") {
  const auto aws = load_shipped("aws");
  REQUIRE(aws.find_type("compute.instance") != nullptr);
  CHECK(aws.find_type("compute.instance")->category == "compute");
  REQUIRE(aws.find_type("k8s.deployment") != nullptr);
  CHECK(aws.find_type("k8s.deployment")->free.has_value());
  CHECK(aws.find_type("aws_iam_role") == nullptr);
}

TEST_CASE("RecommendationRules::smaller_size, walks down one rung") {
  const auto aws = load_shipped("aws");
  CHECK(aws.recommendations.smaller_size("m5.2xlarge") == "m5.xlarge");
  CHECK_FALSE(aws.recommendations.smaller_size("t3.micro").has_value());
  CHECK_FALSE(aws.recommendations.smaller_size("x9.huge").has_value());
}

TEST_CASE("load_price_catalog, rejects corrupt catalogs with a position") {
  SUBCASE("a price that is not a number") {
    std::string text = k_minimal;
    text.replace(text.find("0.0416"), 6, "cheap");
    CHECK(load_error(text) ==
          "bad.yaml:9:22: error: the price of 't3.medium' must be a number from 0 to 1,000,000,000,000,000, "
          "not 'cheap'");
  }
  SUBCASE("a negative price") {
    std::string text = k_minimal;
    text.replace(text.find("0.0416"), 6, "-1");
    CHECK(load_error(text) ==
          "bad.yaml:9:22: error: the price of 't3.medium' must be a number from 0 to 1,000,000,000,000,000, "
          "not '-1'");
  }
  SUBCASE("a currency other than USD") {
    std::string text = k_minimal;
    text.replace(text.find("USD"), 3, "EUR");
    CHECK(load_error(text) ==
          "bad.yaml:2:11: error: currency 'EUR' is not supported: price catalogs must be in USD");
  }
  SUBCASE("a misspelt service in a line") {
    std::string text = k_minimal;
    text.replace(text.find("service: ec2"), 12, "service: ec3");
    CHECK(load_error(text) == "bad.yaml:14:40: error: unknown service 'ec3' (did you mean 'ec2'?)");
  }
  SUBCASE("a bad quantity factor") {
    std::string text = k_minimal;
    text.replace(text.find("[count]"), 7, "[multi_az*two]");
    CHECK(load_error(text).find("must be a number from 0 to 1,000,000,000,000,000, not 'two'") !=
          std::string::npos);
  }
  SUBCASE("a syntax error") {
    CHECK(load_error("provider: [aws\n").find("bad.yaml:") == 0);
  }
}
