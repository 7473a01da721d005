// Reads pricing/<provider>.yaml into a PriceCatalog and validates it the
// way blueprints are validated: every problem is reported with file:line:col
// and the load fails once at the end. Besides shapes and types, it checks
// the cross-references a typo would break silently: every price belongs to a
// declared service, every line rule names a declared service and a known
// category, `same_as` points at a region with prices, and every fixed SKU a
// line rule uses is priced in every region.

#include <algorithm>
#include <cmath>

#include "dharma/cost/catalog_reader.hpp"
#include "dharma/cost/money.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/preparsed/data_files.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::cost {
namespace {

using util::Diagnostics;

class CatalogReader {
 public:
  CatalogReader(PriceCatalog& catalog, Diagnostics& diagnostics)
      : m_catalog(catalog), m_diagnostics(diagnostics), m_context{catalog, diagnostics} {}

  void read(const yaml::Node& root) {
    yaml::MapReader catalog(root, "the price catalog", m_diagnostics);
    if (!catalog.is_map()) {
      return;
    }
    catalog.allow_only(
        {"provider", "currency", "source", "as_of", "services", "regions", "resources", "recommendations"});
    read_header(catalog);
    if (const auto* services = catalog.node("services")) {
      read_services(*services);
    }
    if (const auto* regions = catalog.node("regions")) {
      read_regions(*regions);
    }
    if (const auto* resources = catalog.node("resources", yaml::Need::required)) {
      catalog_reader::read_type_rules(*resources, m_context);
    }
    if (const auto* recommendations = root.find("recommendations")) {
      catalog_reader::read_recommendation_rules(*recommendations, m_context);
    }
    check_fixed_skus();
  }

 private:
  std::string text(const yaml::Node& node, const std::string& what) { return m_context.text(node, what); }

  void read_header(yaml::MapReader& catalog) {
    for (const char* key : {"provider", "currency", "source", "as_of"}) {
      if (const auto* node = catalog.node(key, yaml::Need::required)) {
        const std::string value = text(*node, catalog.describe(key));
        if (std::string(key) == "provider") {
          m_catalog.provider = value;
        } else if (std::string(key) == "currency") {
          m_catalog.currency = value;
          if (value != "USD") {
            m_diagnostics.error(node->location(), "currency " + util::quoted(value) +
                                                      " is not supported: price catalogs must be in USD");
          }
        } else if (std::string(key) == "source") {
          m_catalog.source = value;
        } else {
          m_catalog.as_of = value;
        }
      }
    }
  }

  void read_services(const yaml::Node& node) {
    if (!yaml::expect_map(node, "`services`", m_diagnostics)) {
      return;
    }
    for (const auto& [key, value] : node.entries) {
      Service service;
      service.name = key->scalar;
      yaml::MapReader fields(*value, "service " + util::quoted(service.name), m_diagnostics);
      if (!fields.is_map()) {
        continue;
      }
      fields.allow_only({"unit", "description"});
      if (const auto* unit = fields.node("unit", yaml::Need::required)) {
        const auto parsed = parse_price_unit(unit->scalar);
        if (!parsed) {
          m_diagnostics.error(unit->location(),
                              "unknown unit " + util::quoted(unit->scalar) +
                                  " (expected hour, unit_hour, gb_month, gb, million_requests or gb_second)");
        } else {
          service.unit = *parsed;
        }
      }
      if (const auto* description = fields.node("description")) {
        service.description = text(*description, fields.describe("description"));
      }
      m_catalog.services[service.name] = service;
    }
  }

  void read_regions(const yaml::Node& node) {
    if (!yaml::expect_map(node, "`regions`", m_diagnostics)) {
      return;
    }
    std::vector<std::pair<std::string, const yaml::Node*>> copies;
    for (const auto& [key, value] : node.entries) {
      const std::string region = key->scalar;
      yaml::MapReader fields(*value, "region " + util::quoted(region), m_diagnostics);
      if (!fields.is_map()) {
        continue;
      }
      if (const auto* same_as = fields.node("same_as")) {
        fields.allow_only({"same_as"});
        copies.emplace_back(region, same_as);
        continue;
      }
      auto& prices = m_catalog.regions[region];
      for (const auto& [service_key, skus] : value->entries) {
        if (m_catalog.services.count(service_key->scalar) == 0) {
          m_diagnostics.error(service_key->location(),
                              "prices for undeclared service " + util::quoted(service_key->scalar) +
                                  util::did_you_mean(service_key->scalar, service_names()) +
                                  "; declare it under `services`");
          continue;
        }
        if (!yaml::expect_map(*skus, "the prices of " + util::quoted(service_key->scalar), m_diagnostics)) {
          continue;
        }
        for (const auto& [sku, price] : skus->entries) {
          const auto number = yaml::number_value(*price, "the price of " + util::quoted(sku->scalar), 0,
                                                 k_max_amount, m_diagnostics);
          if (number) {
            prices[service_key->scalar][sku->scalar] = *number;
          }
        }
      }
    }
    for (const auto& [region, same_as] : copies) {
      const auto source = m_catalog.regions.find(same_as->scalar);
      if (source == m_catalog.regions.end()) {
        m_diagnostics.error(same_as->location(), "`same_as` names region " + util::quoted(same_as->scalar) +
                                                     ", which has no prices of its own");
      } else {
        m_catalog.regions[region] = source->second;
      }
    }
  }

  std::vector<std::string> service_names() const { return m_context.service_names(); }

  // A fixed SKU that some region lacks would make that line "not priced" for
  // every blueprint there: a catalog mistake, not a blueprint one.
  void check_fixed_skus() {
    for (const auto& type : m_catalog.types) {
      for (const auto& line : type.lines) {
        std::vector<std::string> skus;
        if (!line.sku.empty()) {
          skus.push_back(line.sku);
        }
        for (const auto& [from, to] : line.sku_map) {
          skus.push_back(to);
        }
        if (!line.sku_default.empty()) {
          const auto mapped = line.sku_map.find(line.sku_default);
          if (!line.sku_map.empty() && mapped == line.sku_map.end()) {
            m_diagnostics.error(line.location, "`sku_default` " + util::quoted(line.sku_default) +
                                                   " is not a key of `sku_map`");
          } else {
            skus.push_back(mapped == line.sku_map.end() ? line.sku_default : mapped->second);
          }
        }
        for (const auto& sku : skus) {
          for (const auto& [region, prices] : m_catalog.regions) {
            if (m_catalog.price(region, line.service, sku) == nullptr) {
              m_diagnostics.error(line.location, "SKU " + util::quoted(sku) + " of service " +
                                                     util::quoted(line.service) + " has no price in region " +
                                                     util::quoted(region));
            }
          }
        }
      }
    }
  }

  PriceCatalog& m_catalog;
  Diagnostics& m_diagnostics;
  catalog_reader::Context m_context;
};

}  // namespace

namespace catalog_reader {

std::string Context::text(const yaml::Node& node, const std::string& what) const {
  return yaml::string_value(node, what, diagnostics).value_or("");
}

std::vector<std::string> Context::service_names() const {
  std::vector<std::string> names;
  for (const auto& [name, service] : catalog.services) {
    names.push_back(name);
  }
  return names;
}

}  // namespace catalog_reader

std::optional<PriceCatalog> load_price_catalog_text(std::string_view text, const std::filesystem::path& file,
                                                    util::Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  const auto root = preparsed::load(text, file.string(), diagnostics);
  if (!root) {
    return std::nullopt;
  }
  PriceCatalog catalog;
  catalog.file = file.string();
  CatalogReader(catalog, diagnostics).read(*root);
  if (diagnostics.error_count() > errors_before) {
    return std::nullopt;
  }
  return catalog;
}

std::optional<PriceCatalog> load_price_catalog(const std::filesystem::path& file,
                                               util::Diagnostics& diagnostics) {
  std::string text;
  try {
    text = util::read_file(file);
  } catch (const util::Error& e) {
    diagnostics.error({}, e.what());
    return std::nullopt;
  }
  return load_price_catalog_text(text, file, diagnostics);
}

}  // namespace dharma::cost
