// The cached form of a price catalog (price_catalog_codec.hpp): each shipped
// catalog survives encode → decode as exactly the catalog the YAML parser
// produced (field by field, source positions included), prices every example
// byte-identically, and anything that is not a value this dharma wrote —
// malformed, truncated, another format, another version, wrong types — is a
// miss rather than a partly filled catalog.

#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cost_test_support.hpp"
#include "dharma/api/blueprint_api.hpp"
#include "dharma/cost/estimator.hpp"
#include "dharma/cost/facts.hpp"
#include "dharma/cost/price_catalog_cache.hpp"
#include "dharma/cost/price_catalog_codec.hpp"
#include "dharma/cost/recommend.hpp"
#include "dharma/cost/report.hpp"
#include "dharma/state/checksum.hpp"

using namespace dharma;
using cost::testing::pricing_dir;

namespace {

cost::PriceCatalog parse(const std::string& provider) {
  util::Diagnostics diagnostics;
  auto catalog = cost::load_price_catalog(pricing_dir() / (provider + ".yaml"), diagnostics);
  REQUIRE(catalog.has_value());
  return *catalog;
}

// The JSON report (with recommendations) of `example` in `environment`, priced with `catalog`.
std::string priced_report(const std::string& example, const std::string& environment,
                          const cost::PriceCatalog& catalog) {
  const auto tests = std::filesystem::path(DHARMA_TEST_DATA_DIR);
  api::ResolveOptions resolve;
  resolve.environment = environment;
  const auto values = tests / "examples" / (example + ".values.yaml");
  if (std::filesystem::exists(values)) {
    resolve.values_files.push_back(values.string());
  }
  util::Diagnostics diagnostics;
  std::ostringstream out, err;
  api::CommandContext context(out, err);
  const auto blueprint = api::load_blueprint(
      context, (tests / ".." / "examples" / (example + ".yaml")).string(), resolve, diagnostics);
  REQUIRE_MESSAGE(blueprint.has_value(), example);
  auto estimate = cost::estimate_cost(cost::facts_from_blueprint(*blueprint), &catalog, nullptr);
  cost::recommend(estimate, catalog);
  return cost::render_estimate(estimate, cost::ReportFormat::json, {true});
}

}  // namespace

TEST_CASE("encode_price_catalog, decodes to exactly the parsed catalog") {
  for (const std::string provider : {"aws", "azure", "gcp", "kubernetes"}) {
    SUBCASE(provider.c_str()) {
      const auto parsed = parse(provider);
      REQUIRE_FALSE(parsed.types.empty());
      const auto decoded = cost::decode_price_catalog(cost::encode_price_catalog(parsed), parsed.file);
      REQUIRE(decoded.has_value());
      CHECK(*decoded == parsed);
      for (const auto& type : decoded->types) {
        for (const auto& line : type.lines) {
          CHECK(line.location.file == parsed.file);
          CHECK(line.location.has_position());
        }
      }
    }
  }
}

TEST_CASE("decode_price_catalog, names the file it is given, not the one it was encoded from") {
  const auto parsed = parse("aws");
  const auto decoded = cost::decode_price_catalog(cost::encode_price_catalog(parsed), "/elsewhere/aws.yaml");
  REQUIRE(decoded.has_value());
  CHECK(decoded->file == "/elsewhere/aws.yaml");
  CHECK(decoded->types.front().lines.front().location.file == "/elsewhere/aws.yaml");
  CHECK(decoded->types.front().lines.front().location.line ==
        parsed.types.front().lines.front().location.line);
}

TEST_CASE("decode_price_catalog, prices every example exactly as the parsed catalog") {
  const std::vector<std::pair<std::string, std::string>> examples = {{"aws-web-app", "aws"},
                                                                     {"azure-app", "azure"},
                                                                     {"gcp-data-platform", "gcp"},
                                                                     {"k8s-platform", "kubernetes"}};
  for (const auto& [example, provider] : examples) {
    const auto parsed = parse(provider);
    const auto decoded = cost::decode_price_catalog(cost::encode_price_catalog(parsed), parsed.file);
    REQUIRE(decoded.has_value());
    for (const std::string environment : {"dev", "prod"}) {
      CAPTURE(example);
      CAPTURE(environment);
      const auto expected = priced_report(example, environment, parsed);
      CHECK(expected.find("\"monthly\"") != std::string::npos);
      CHECK(priced_report(example, environment, *decoded) == expected);
    }
  }
}

TEST_CASE("decode_price_catalog, anything but a value this dharma wrote is a miss") {
  const auto parsed = parse("aws");
  const std::string good = cost::encode_price_catalog(parsed);
  const auto edited = [&](const std::function<void(nlohmann::json&)>& edit) {
    auto value = nlohmann::json::parse(good);
    edit(value);
    return value.dump();
  };
  SUBCASE("malformed") {
    CHECK_FALSE(cost::decode_price_catalog("", parsed.file));
    CHECK_FALSE(cost::decode_price_catalog("not json", parsed.file));
    CHECK_FALSE(cost::decode_price_catalog("[1, 2]", parsed.file));
    CHECK_FALSE(cost::decode_price_catalog(good.substr(0, good.size() / 2), parsed.file));
  }
  SUBCASE("another format or version") {
    CHECK_FALSE(cost::decode_price_catalog(
        edited([](auto& v) { v["format"] = cost::k_price_catalog_format + 1; }), parsed.file));
    CHECK_FALSE(cost::decode_price_catalog(edited([](auto& v) { v.erase("format"); }), parsed.file));
    CHECK_FALSE(cost::decode_price_catalog(edited([](auto& v) { v["format"] = "1"; }), parsed.file));
    CHECK_FALSE(cost::decode_price_catalog(edited([](auto& v) { v["dharma"] = "0.0.0-old"; }), parsed.file));
  }
  SUBCASE("a field missing or of the wrong type") {
    CHECK_FALSE(cost::decode_price_catalog(edited([](auto& v) { v.erase("regions"); }), parsed.file));
    CHECK_FALSE(cost::decode_price_catalog(
        edited([](auto& v) { v["regions"]["us-east-1"]["ec2"]["t3.micro"] = "cheap"; }), parsed.file));
    CHECK_FALSE(cost::decode_price_catalog(edited([](auto& v) { v["types"][0]["lines"][0]["at"] = "1:2"; }),
                                           parsed.file));
    CHECK_FALSE(
        cost::decode_price_catalog(edited([](auto& v) { v["types"][0].erase("category"); }), parsed.file));
    CHECK_FALSE(cost::decode_price_catalog(
        edited([](auto& v) { v["recommendations"]["storage_tiers"][0]["share"] = nullptr; }), parsed.file));
  }
  SUBCASE("an unknown unit or quantity factor") {
    CHECK_FALSE(cost::decode_price_catalog(
        edited([](auto& v) { v["services"].begin().value()["unit"] = "fortnight"; }), parsed.file));
    CHECK_FALSE(cost::decode_price_catalog(edited([](auto& v) {
                                             for (auto& type : v["types"]) {
                                               for (auto& line : type["lines"]) {
                                                 for (auto& factor : line["quantity"]) {
                                                   factor["kind"] = "squared";
                                                 }
                                               }
                                             }
                                           }),
                                           parsed.file));
  }
}

TEST_CASE("price_catalog_key, names the provider and the exact bytes") {
  const auto key = cost::price_catalog_key("aws", "provider: aws\n");
  CHECK(key.rfind("dharma:v1:g:prices:aws:", 0) == 0);
  CHECK(key.size() == std::string("dharma:v1:g:prices:aws:").size() + 64);
  CHECK(cost::price_catalog_key("aws", "provider: aws\n# edited\n") != key);
  CHECK(cost::price_catalog_key("gcp", "provider: aws\n") != key);
  // The same digest as the migrations' SHA-256 (OpenSSL's EVP interface) and sha256sum.
  for (const auto& bytes : {std::string(), std::string("abc"), std::string(100000, '\xff')}) {
    CHECK(cost::price_catalog_key("aws", bytes) ==
          cache::global_key("prices", "aws:" + state::sha256_hex(bytes)));
  }
  CHECK(cost::price_catalog_key("aws", "abc") ==
        "dharma:v1:g:prices:aws:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("load_price_catalog_cached, without a cache parses like load_price_catalog") {
  cache::NullCache none;
  util::Diagnostics diagnostics;
  std::vector<std::string> trace;
  const auto catalog =
      cost::load_price_catalog_cached("gcp", pricing_dir() / "gcp.yaml", none, diagnostics,
                                      [&](const std::string& line) { trace.push_back(line); });
  REQUIRE(catalog.has_value());
  CHECK(*catalog == parse("gcp"));
  REQUIRE(trace.size() == 1);
  CHECK(trace.front().find("cache miss") != std::string::npos);

  util::Diagnostics missing;
  CHECK_FALSE(cost::load_price_catalog_cached("gcp", pricing_dir() / "nope.yaml", none, missing));
  CHECK(missing.has_errors());
}
