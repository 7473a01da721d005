#pragma once
// Internal to the price catalog loader: the sections of pricing/<provider>.yaml
// are read by separate files sharing this context (price_catalog_loader.cpp,
// price_rules_reader.cpp, recommendation_rules_reader.cpp).

#include <string>
#include <vector>

#include "dharma/cost/price_catalog.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::cost::catalog_reader {

struct Context {
  PriceCatalog& catalog;
  util::Diagnostics& diagnostics;

  // A string scalar, or "" after reporting another shape as `what`.
  std::string text(const yaml::Node& node, const std::string& what) const;
  std::vector<std::string> service_names() const;
};

// `resources:`: type rules; needs `services` read first.
void read_type_rules(const yaml::Node& node, Context& ctx);
// `recommendations:`: discounts, storage tiers, size ladders.
void read_recommendation_rules(const yaml::Node& node, Context& ctx);

}  // namespace dharma::cost::catalog_reader
