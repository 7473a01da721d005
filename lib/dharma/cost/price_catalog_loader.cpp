// Reads pricing/<provider>.yaml into a PriceCatalog and validates it the
// way blueprints are validated: every problem is reported with file:line:col
// and the load fails once at the end. Besides shapes and types, it checks
// the cross-references a typo would break silently: every price belongs to a
// declared service, every line rule names a declared service and a known
// category, `same_as` points at a region with prices, and every fixed SKU a
// line rule uses is priced in every region.

#include <algorithm>
#include <cmath>

#include "dharma/cost/price_catalog.hpp"
#include "dharma/cost/yaml_fields.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::cost {
namespace {

using util::Diagnostics;

class CatalogReader {
 public:
  CatalogReader(PriceCatalog& catalog, Diagnostics& diagnostics)
      : m_catalog(catalog), m_diagnostics(diagnostics) {}

  void read(const yaml::Node& root) {
    if (!fields::expect_map(root, "a price catalog", m_diagnostics)) {
      return;
    }
    fields::check_keys(
        root,
        {"provider", "currency", "source", "as_of", "services", "regions", "resources", "recommendations"},
        "a price catalog", m_diagnostics);
    read_header(root);
    if (const auto* services = root.find("services")) {
      read_services(*services);
    }
    if (const auto* regions = root.find("regions")) {
      read_regions(*regions);
    }
    const auto* resources = fields::required(root, "resources", "the price catalog", m_diagnostics);
    if (resources != nullptr) {
      read_resources(*resources);
    }
    if (const auto* recommendations = root.find("recommendations")) {
      read_recommendations(*recommendations);
    }
    check_fixed_skus();
  }

 private:
  std::string text(const yaml::Node& node, const std::string& what) {
    return fields::string_value(node, what, m_diagnostics).value_or("");
  }

  void read_header(const yaml::Node& root) {
    for (const char* key : {"provider", "currency", "source", "as_of"}) {
      if (const auto* node = fields::required(root, key, "the price catalog", m_diagnostics)) {
        const std::string value = text(*node, std::string("`") + key + "`");
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
    if (!fields::expect_map(node, "`services`", m_diagnostics)) {
      return;
    }
    for (const auto& [key, value] : node.entries) {
      Service service;
      service.name = key->scalar;
      if (!fields::expect_map(*value, "service " + util::quoted(service.name), m_diagnostics)) {
        continue;
      }
      fields::check_keys(*value, {"unit", "description"}, "a service", m_diagnostics);
      if (const auto* unit =
              fields::required(*value, "unit", "service " + util::quoted(service.name), m_diagnostics)) {
        const auto parsed = parse_price_unit(unit->scalar);
        if (!parsed) {
          m_diagnostics.error(unit->location(),
                              "unknown unit " + util::quoted(unit->scalar) +
                                  " (expected hour, unit_hour, gb_month, gb, million_requests or gb_second)");
        } else {
          service.unit = *parsed;
        }
      }
      if (const auto* description = value->find("description")) {
        service.description = text(*description, "`description`");
      }
      m_catalog.services[service.name] = service;
    }
  }

  void read_regions(const yaml::Node& node) {
    if (!fields::expect_map(node, "`regions`", m_diagnostics)) {
      return;
    }
    std::vector<std::pair<std::string, const yaml::Node*>> copies;
    for (const auto& [key, value] : node.entries) {
      const std::string region = key->scalar;
      if (!fields::expect_map(*value, "region " + util::quoted(region), m_diagnostics)) {
        continue;
      }
      if (const auto* same_as = value->find("same_as")) {
        fields::check_keys(*value, {"same_as"}, "a region that is `same_as` another", m_diagnostics);
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
        if (!fields::expect_map(*skus, "the prices of " + util::quoted(service_key->scalar), m_diagnostics)) {
          continue;
        }
        for (const auto& [sku, price] : skus->entries) {
          const auto number =
              fields::non_negative_number(*price, "the price of " + util::quoted(sku->scalar), m_diagnostics);
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

  std::vector<std::string> service_names() const {
    std::vector<std::string> names;
    for (const auto& [name, service] : m_catalog.services) {
      names.push_back(name);
    }
    return names;
  }

  std::optional<QuantityFactor> parse_factor(const yaml::Node& node) {
    QuantityFactor factor;
    factor.text = node.scalar;
    const std::string& written = node.scalar;
    if (!node.is_scalar() || written.empty()) {
      m_diagnostics.error(node.location(),
                          "a quantity factor must be `count`, PROPERTY, PROPERTY|DEFAULT or PROPERTY*N");
      return std::nullopt;
    }
    if (written == "count") {
      return factor;
    }
    const auto bar = written.find('|');
    const auto question = written.find('*');
    const auto split = bar != std::string::npos ? bar : question;
    factor.property = written.substr(0, split);
    if (split == std::string::npos) {
      factor.kind = QuantityFactor::Kind::property;
      return factor;
    }
    yaml::Node number_node = node;
    number_node.scalar = written.substr(split + 1);
    const auto number = fields::non_negative_number(
        number_node, "the number in quantity factor " + util::quoted(written), m_diagnostics);
    if (!number) {
      return std::nullopt;
    }
    if (split == bar) {
      factor.kind = QuantityFactor::Kind::property;
      factor.default_value = number;
    } else {
      factor.kind = QuantityFactor::Kind::flag;
      factor.when_true = *number;
    }
    return factor;
  }

  void read_line(const yaml::Node& node, TypeRule& type) {
    if (!fields::expect_map(node, "a price line", m_diagnostics)) {
      return;
    }
    fields::check_keys(node,
                       {"component", "service", "sku", "sku_from", "sku_default", "sku_map", "amount_from",
                        "usage", "estimate", "quantity"},
                       "a price line", m_diagnostics);
    LineRule line;
    line.location = node.location();
    auto get = [&](const char* key) -> std::string {
      const auto* value = node.find(key);
      return value == nullptr ? std::string() : text(*value, std::string("`") + key + "`");
    };
    line.component = get("component");
    line.service = get("service");
    line.sku = get("sku");
    line.sku_from = get("sku_from");
    line.sku_default = get("sku_default");
    line.amount_from = get("amount_from");
    line.usage = get("usage");
    if (line.component.empty()) {
      m_diagnostics.error(line.location, "a price line needs a `component` name");
    }
    if (const auto* service = node.find("service"); service == nullptr) {
      m_diagnostics.error(line.location, "a price line needs a `service`");
    } else if (m_catalog.services.count(line.service) == 0) {
      m_diagnostics.error(service->location(), "unknown service " + util::quoted(line.service) +
                                                   util::did_you_mean(line.service, service_names()));
    }
    if (line.sku.empty() == line.sku_from.empty()) {
      m_diagnostics.error(line.location, "a price line needs exactly one of `sku` and `sku_from`");
    }
    if (const auto* sku_map = node.find("sku_map")) {
      if (fields::expect_map(*sku_map, "`sku_map`", m_diagnostics)) {
        for (const auto& [from, to] : sku_map->entries) {
          line.sku_map[from->scalar] = text(*to, "a `sku_map` value");
        }
      }
      if (line.sku_from.empty()) {
        m_diagnostics.error(sku_map->location(), "`sku_map` only applies with `sku_from`");
      }
    }
    if (const auto* estimate = node.find("estimate")) {
      line.estimate = fields::non_negative_number(*estimate, "`estimate`", m_diagnostics);
      if (line.usage.empty()) {
        m_diagnostics.error(estimate->location(), "`estimate` only applies to a usage-based line (`usage`)");
      }
    }
    if (const auto* quantity = node.find("quantity")) {
      if (!quantity->is_sequence()) {
        m_diagnostics.error(quantity->location(), "`quantity` must be a list of factors");
      } else {
        for (const auto& item : quantity->items) {
          if (auto factor = parse_factor(*item)) {
            line.quantity.push_back(*factor);
          }
        }
      }
    }
    type.lines.push_back(std::move(line));
  }

  void read_resources(const yaml::Node& node) {
    if (!fields::expect_map(node, "`resources`", m_diagnostics)) {
      return;
    }
    for (const auto& [key, value] : node.entries) {
      TypeRule type;
      type.pattern = key->scalar;
      if (!fields::expect_map(*value, "the pricing of " + util::quoted(type.pattern), m_diagnostics)) {
        continue;
      }
      fields::check_keys(*value, {"category", "lines", "free"}, "a resource pricing", m_diagnostics);
      if (const auto* category = fields::required(
              *value, "category", "the pricing of " + util::quoted(type.pattern), m_diagnostics)) {
        type.category = text(*category, "`category`");
        const auto& known = categories();
        if (std::find(known.begin(), known.end(), type.category) == known.end()) {
          m_diagnostics.error(category->location(), "unknown category " + util::quoted(type.category) +
                                                        " (one of " + util::join(known, ", ") + ")");
        }
      }
      const auto* free = value->find("free");
      const auto* lines = value->find("lines");
      if ((free == nullptr) == (lines == nullptr)) {
        m_diagnostics.error(value->location(), "the pricing of " + util::quoted(type.pattern) +
                                                   " needs exactly one of `lines` and `free`");
      }
      if (free != nullptr) {
        type.free = text(*free, "`free`");
      }
      if (lines != nullptr) {
        if (!lines->is_sequence() || lines->items.empty()) {
          m_diagnostics.error(lines->location(), "`lines` must be a non-empty list of price lines");
        } else {
          for (const auto& line : lines->items) {
            read_line(*line, type);
          }
        }
      }
      m_catalog.types.push_back(std::move(type));
    }
  }

  std::optional<DiscountRule> read_discount(const yaml::Node& node, const std::string& name) {
    if (!fields::expect_map(node, util::quoted(name), m_diagnostics)) {
      return std::nullopt;
    }
    fields::check_keys(node, {"discount", "services", "assumption"}, util::quoted(name), m_diagnostics);
    DiscountRule rule;
    if (const auto* discount = fields::required(node, "discount", util::quoted(name), m_diagnostics)) {
      rule.discount = fields::non_negative_number(*discount, "`discount`", m_diagnostics).value_or(0);
      if (rule.discount >= 1) {
        m_diagnostics.error(discount->location(), "`discount` is a fraction below 1 (0.37 means 37%)");
      }
    }
    if (const auto* services = fields::required(node, "services", util::quoted(name), m_diagnostics)) {
      for (const auto& item : services->items) {
        rule.services.push_back(item->scalar);
        if (m_catalog.services.count(item->scalar) == 0) {
          m_diagnostics.error(item->location(), "unknown service " + util::quoted(item->scalar));
        }
      }
    }
    if (const auto* assumption = fields::required(node, "assumption", util::quoted(name), m_diagnostics)) {
      rule.assumption = text(*assumption, "`assumption`");
    }
    return rule;
  }

  void read_recommendations(const yaml::Node& node) {
    if (!fields::expect_map(node, "`recommendations`", m_diagnostics)) {
      return;
    }
    fields::check_keys(node, {"reserved", "savings_plan", "spot", "storage_tiers", "size_ladders"},
                       "`recommendations`", m_diagnostics);
    auto& rules = m_catalog.recommendations;
    if (const auto* reserved = node.find("reserved")) {
      rules.reserved = read_discount(*reserved, "reserved");
    }
    if (const auto* savings_plan = node.find("savings_plan")) {
      rules.savings_plan = read_discount(*savings_plan, "savings_plan");
    }
    if (const auto* spot = node.find("spot")) {
      rules.spot = read_discount(*spot, "spot");
    }
    if (const auto* tiers = node.find("storage_tiers")) {
      for (const auto& item : tiers->items) {
        if (!fields::expect_map(*item, "a storage tier", m_diagnostics)) {
          continue;
        }
        fields::check_keys(*item, {"service", "from", "to", "share", "assumption"}, "a storage tier",
                           m_diagnostics);
        StorageTier tier;
        for (const char* key : {"service", "from", "to", "assumption"}) {
          if (const auto* value = fields::required(*item, key, "a storage tier", m_diagnostics)) {
            const std::string v = text(*value, std::string("`") + key + "`");
            const std::string k = key;
            (k == "service" ? tier.service
             : k == "from"  ? tier.from
             : k == "to"    ? tier.to
                            : tier.assumption) = v;
          }
        }
        if (const auto* share = item->find("share")) {
          tier.share = fields::non_negative_number(*share, "`share`", m_diagnostics).value_or(1);
        }
        rules.storage_tiers.push_back(tier);
      }
    }
    if (const auto* ladders = node.find("size_ladders")) {
      for (const auto& ladder : ladders->items) {
        std::vector<std::string> sizes;
        for (const auto& size : ladder->items) {
          sizes.push_back(size->scalar);
        }
        rules.size_ladders.push_back(std::move(sizes));
      }
    }
  }

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
};

}  // namespace

std::optional<PriceCatalog> load_price_catalog(const std::filesystem::path& file,
                                               util::Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  const auto root = yaml::load_file(file.string(), diagnostics);
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

}  // namespace dharma::cost
