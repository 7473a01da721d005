// Writes a PriceCatalog as compact JSON (price_catalog_codec.hpp). The shape
// mirrors the structs field by field; optional fields are left out when
// absent, so the decoder can tell "no estimate" from "estimate 0". Prices go
// through nlohmann's shortest round-tripping number form, so a decoded price
// is the same double the YAML parser produced.

#include <nlohmann/json.hpp>

#include "dharma/cost/price_catalog_codec.hpp"

namespace dharma::cost {
namespace {

using nlohmann::json;

const char* factor_kind_name(QuantityFactor::Kind kind) {
  switch (kind) {
    case QuantityFactor::Kind::count:
      return "count";
    case QuantityFactor::Kind::property:
      return "property";
    case QuantityFactor::Kind::flag:
      return "flag";
  }
  return "count";
}

json encode_factor(const QuantityFactor& factor) {
  json out{{"kind", factor_kind_name(factor.kind)},
           {"property", factor.property},
           {"when_true", factor.when_true},
           {"text", factor.text}};
  if (factor.default_value) {
    out["default"] = *factor.default_value;
  }
  return out;
}

json encode_line(const LineRule& line) {
  json out{{"component", line.component},
           {"service", line.service},
           {"sku", line.sku},
           {"sku_from", line.sku_from},
           {"sku_default", line.sku_default},
           {"sku_map", line.sku_map},
           {"amount_from", line.amount_from},
           {"usage", line.usage},
           {"quantity", json::array()},
           {"at", {line.location.line, line.location.column}}};
  if (line.estimate) {
    out["estimate"] = *line.estimate;
  }
  for (const auto& factor : line.quantity) {
    out["quantity"].push_back(encode_factor(factor));
  }
  return out;
}

json encode_type(const TypeRule& type) {
  json out{{"pattern", type.pattern}, {"category", type.category}, {"lines", json::array()}};
  if (type.free) {
    out["free"] = *type.free;
  }
  for (const auto& line : type.lines) {
    out["lines"].push_back(encode_line(line));
  }
  return out;
}

json encode_discount(const std::optional<DiscountRule>& rule) {
  if (!rule) {
    return nullptr;
  }
  return json{{"discount", rule->discount}, {"services", rule->services}, {"assumption", rule->assumption}};
}

json encode_recommendations(const RecommendationRules& rules) {
  json tiers = json::array();
  for (const auto& tier : rules.storage_tiers) {
    tiers.push_back({{"service", tier.service},
                     {"from", tier.from},
                     {"to", tier.to},
                     {"share", tier.share},
                     {"assumption", tier.assumption}});
  }
  return json{{"reserved", encode_discount(rules.reserved)},
              {"savings_plan", encode_discount(rules.savings_plan)},
              {"spot", encode_discount(rules.spot)},
              {"storage_tiers", tiers},
              {"size_ladders", rules.size_ladders}};
}

}  // namespace

std::string encode_price_catalog(const PriceCatalog& catalog) {
  json services = json::object();
  for (const auto& [name, service] : catalog.services) {
    services[name] = {{"unit", price_unit_name(service.unit)}, {"description", service.description}};
  }
  json types = json::array();
  for (const auto& type : catalog.types) {
    types.push_back(encode_type(type));
  }
  const json out{{"format", k_price_catalog_format},
                 {"dharma", DHARMA_VERSION},
                 {"provider", catalog.provider},
                 {"currency", catalog.currency},
                 {"source", catalog.source},
                 {"as_of", catalog.as_of},
                 {"services", services},
                 {"regions", catalog.regions},
                 {"types", types},
                 {"recommendations", encode_recommendations(catalog.recommendations)}};
  return out.dump();
}

}  // namespace dharma::cost
