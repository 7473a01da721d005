#pragma once
// Helpers for the cost unit tests: the shipped catalogs and hand-built facts.

#include <filesystem>
#include <string>

#include "dharma/cost/facts.hpp"
#include "dharma/cost/price_catalog.hpp"

namespace dharma::cost::testing {

inline std::filesystem::path pricing_dir() {
  return std::filesystem::path(DHARMA_TEST_DATA_DIR) / ".." / "pricing";
}

inline const PriceCatalog& shipped_catalog(const std::string& provider) {
  static PriceBook book(pricing_dir());
  return *book.catalog(provider);
}

inline ResourceFacts resource(std::string name, std::string type,
                              std::initializer_list<std::pair<const char*, Scalar>> properties,
                              long long count = 1) {
  ResourceFacts facts;
  facts.name = std::move(name);
  facts.type = std::move(type);
  facts.count = count;
  for (const auto& [key, value] : properties) {
    facts.properties.emplace(key, value);
  }
  return facts;
}

inline BlueprintFacts facts_of(std::string environment, std::vector<ResourceFacts> resources,
                               std::string region = "us-east-1") {
  BlueprintFacts facts;
  facts.file = "shop.yaml";
  facts.name = "shop";
  facts.provider = "aws";
  facts.region = std::move(region);
  facts.environment = std::move(environment);
  facts.resources = std::move(resources);
  return facts;
}

inline Scalar str(const char* text) {
  return Scalar::of_string(text);
}
inline Scalar num(double value) {
  return Scalar::of_number(value);
}
inline Scalar flag(bool value) {
  return Scalar::of_bool(value);
}

}  // namespace dharma::cost::testing
