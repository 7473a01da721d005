// Reads the JSON of price_catalog_encode.cpp back into a PriceCatalog. A
// cached value is untrusted input (another binary, a truncated write, a
// hand-edited key), so every field is read with a checked accessor: a missing
// key, a wrong type, an unknown unit or factor kind throws a json exception,
// and any exception makes the whole value a miss — never a partly filled
// catalog.

#include <nlohmann/json.hpp>

#include "dharma/cost/price_catalog_codec.hpp"

namespace dharma::cost {
namespace {

using nlohmann::json;

// Thrown for values that are well-typed JSON but not a catalog we wrote.
struct Unreadable {};

std::string text(const json& node, const char* key) {
  return node.at(key).get<std::string>();
}

double number(const json& node, const char* key) {
  const auto& value = node.at(key);
  if (!value.is_number()) {
    throw Unreadable{};
  }
  return value.get<double>();
}

std::optional<double> optional_number(const json& node, const char* key) {
  if (!node.contains(key)) {
    return std::nullopt;
  }
  return number(node, key);
}

QuantityFactor decode_factor(const json& node) {
  QuantityFactor factor;
  const std::string kind = text(node, "kind");
  if (kind == "count") {
    factor.kind = QuantityFactor::Kind::count;
  } else if (kind == "property") {
    factor.kind = QuantityFactor::Kind::property;
  } else if (kind == "flag") {
    factor.kind = QuantityFactor::Kind::flag;
  } else {
    throw Unreadable{};
  }
  factor.property = text(node, "property");
  factor.default_value = optional_number(node, "default");
  factor.when_true = number(node, "when_true");
  factor.text = text(node, "text");
  return factor;
}

LineRule decode_line(const json& node, const std::string& file) {
  LineRule line;
  line.component = text(node, "component");
  line.service = text(node, "service");
  line.sku = text(node, "sku");
  line.sku_from = text(node, "sku_from");
  line.sku_default = text(node, "sku_default");
  line.sku_map = node.at("sku_map").get<std::map<std::string, std::string>>();
  line.amount_from = text(node, "amount_from");
  line.usage = text(node, "usage");
  line.estimate = optional_number(node, "estimate");
  for (const auto& factor : node.at("quantity")) {
    line.quantity.push_back(decode_factor(factor));
  }
  const auto& at = node.at("at");
  line.location = util::SourceLocation{file, at.at(0).get<int>(), at.at(1).get<int>()};
  return line;
}

TypeRule decode_type(const json& node, const std::string& file) {
  TypeRule type;
  type.pattern = text(node, "pattern");
  type.category = text(node, "category");
  if (node.contains("free")) {
    type.free = text(node, "free");
  }
  for (const auto& line : node.at("lines")) {
    type.lines.push_back(decode_line(line, file));
  }
  return type;
}

std::optional<DiscountRule> decode_discount(const json& node) {
  if (node.is_null()) {
    return std::nullopt;
  }
  return DiscountRule{number(node, "discount"), node.at("services").get<std::vector<std::string>>(),
                      text(node, "assumption")};
}

RecommendationRules decode_recommendations(const json& node) {
  RecommendationRules rules;
  rules.reserved = decode_discount(node.at("reserved"));
  rules.savings_plan = decode_discount(node.at("savings_plan"));
  rules.spot = decode_discount(node.at("spot"));
  for (const auto& tier : node.at("storage_tiers")) {
    rules.storage_tiers.push_back(StorageTier{text(tier, "service"), text(tier, "from"), text(tier, "to"),
                                              number(tier, "share"), text(tier, "assumption")});
  }
  rules.size_ladders = node.at("size_ladders").get<std::vector<std::vector<std::string>>>();
  return rules;
}

PriceCatalog decode(const json& root, const std::string& file) {
  PriceCatalog catalog;
  catalog.provider = text(root, "provider");
  catalog.currency = text(root, "currency");
  catalog.source = text(root, "source");
  catalog.as_of = text(root, "as_of");
  catalog.file = file;
  for (const auto& [name, node] : root.at("services").items()) {
    const auto unit = parse_price_unit(text(node, "unit"));
    if (!unit) {
      throw Unreadable{};
    }
    catalog.services[name] = Service{name, *unit, text(node, "description")};
  }
  catalog.regions = root.at("regions").get<std::map<std::string, PriceCatalog::RegionPrices>>();
  for (const auto& type : root.at("types")) {
    catalog.types.push_back(decode_type(type, file));
  }
  catalog.recommendations = decode_recommendations(root.at("recommendations"));
  return catalog;
}

}  // namespace

std::optional<PriceCatalog> decode_price_catalog(std::string_view value, const std::filesystem::path& file) {
  const json root = json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (!root.is_object()) {
    return std::nullopt;
  }
  try {
    const auto format = root.find("format");
    const auto version = root.find("dharma");
    if (format == root.end() || *format != k_price_catalog_format || version == root.end() ||
        *version != DHARMA_VERSION) {
      return std::nullopt;
    }
    return decode(root, file.string());
  } catch (const json::exception&) {
    return std::nullopt;
  } catch (const Unreadable&) {
    return std::nullopt;
  }
}

}  // namespace dharma::cost
