// The estimator turns each resource into priced lines by following its
// type's rule in the price catalog: pick the SKU (a fixed one or a property
// such as `size`), multiply the quantity factors (`count`, `min_size`,
// `multi_az*2`...), multiply the per-instance amount (`disk_gb`) or the
// usage-file quantity, and look the list price up for the blueprint's region.
// Anything that cannot be priced becomes a $0 `not_priced` line carrying the
// reason — never a guessed price — and is counted in the summary.

#include "dharma/cost/estimator.hpp"

#include <algorithm>
#include <set>

#include "dharma/util/text.hpp"

namespace dharma::cost {
namespace {

const char* kind_text(Scalar::Kind kind) {
  switch (kind) {
    case Scalar::Kind::string:
      return "a string";
    case Scalar::Kind::number:
      return "a number";
    case Scalar::Kind::boolean:
      return "a boolean";
    case Scalar::Kind::other:
      return "not a plain value";
  }
  return "";
}

class ResourcePricer {
 public:
  ResourcePricer(const BlueprintFacts& facts, const PriceCatalog& catalog, const UsageFile* usage)
      : m_facts(facts), m_catalog(catalog), m_usage(usage) {}

  void price(const ResourceFacts& resource, const TypeRule& rule, ResourceCost& cost) {
    for (const auto& line_rule : rule.lines) {
      CostLine line;
      line.component = line_rule.component;
      line.service = line_rule.service;
      if (const auto* service = m_catalog.find_service(line_rule.service)) {
        line.unit = service->unit;
      }
      if (!line_rule.usage.empty()) {
        cost.usage_keys.push_back(line_rule.usage);
      }
      if (price_line(resource, line_rule, line)) {
        cost.lines.push_back(std::move(line));
      }
    }
  }

 private:
  static bool fail(CostLine& line, std::string reason) {
    line.status = LineStatus::not_priced;
    line.monthly = 0;
    line.note = std::move(reason);
    return true;
  }

  // Returns false when the line does not apply (a quantity of zero).
  bool price_line(const ResourceFacts& resource, const LineRule& rule, CostLine& line) {
    line.sku = rule.sku;
    if (!rule.sku_from.empty()) {
      const Scalar* value = resource.property(rule.sku_from);
      if (value == nullptr) {
        if (rule.sku_default.empty()) {
          return fail(line, "property " + util::quoted(rule.sku_from) + " is not set");
        }
        line.sku = rule.sku_default;
      } else if (value->kind != Scalar::Kind::string) {
        return fail(line, "property " + util::quoted(rule.sku_from) + " is " + kind_text(value->kind) +
                              ", expected a size or class name");
      } else {
        line.sku = value->text;
      }
      if (!rule.sku_map.empty()) {
        const auto mapped = rule.sku_map.find(line.sku);
        if (mapped == rule.sku_map.end()) {
          std::vector<std::string> known;
          for (const auto& [from, to] : rule.sku_map) {
            known.push_back(from);
          }
          return fail(line, rule.sku_from + " " + util::quoted(line.sku) + " has no " + m_catalog.provider +
                                " SKU (known: " + util::join(known, ", ") + ")");
        }
        line.sku = mapped->second;
      }
    }

    double quantity = 1;
    for (const auto& factor : rule.quantity) {
      if (factor.kind == QuantityFactor::Kind::count) {
        quantity *= static_cast<double>(resource.count);
        continue;
      }
      const Scalar* value = resource.property(factor.property);
      if (factor.kind == QuantityFactor::Kind::flag) {
        if (value != nullptr && value->kind != Scalar::Kind::boolean) {
          return fail(line, "property " + util::quoted(factor.property) + " is " + kind_text(value->kind) +
                                ", expected true or false");
        }
        quantity *= (value != nullptr && value->flag) ? factor.when_true : 1.0;
        continue;
      }
      if (value == nullptr) {
        if (!factor.default_value) {
          return fail(line, "property " + util::quoted(factor.property) + " is not set");
        }
        quantity *= *factor.default_value;
        continue;
      }
      if (value->kind != Scalar::Kind::number || value->number < 0) {
        return fail(line, "property " + util::quoted(factor.property) + " must be a non-negative number");
      }
      quantity *= value->number;
    }

    if (!rule.amount_from.empty()) {
      const Scalar* value = resource.property(rule.amount_from);
      if (value == nullptr) {
        return fail(line, "property " + util::quoted(rule.amount_from) + " is not set");
      }
      if (value->kind != Scalar::Kind::number || value->number < 0) {
        return fail(line, "property " + util::quoted(rule.amount_from) + " must be a non-negative number");
      }
      quantity *= value->number;
    }

    line.status = LineStatus::priced;
    if (!rule.usage.empty()) {
      const UsageValue* given = m_usage != nullptr ? m_usage->find(resource.name, rule.usage) : nullptr;
      const std::string where = "resources." + resource.name + "." + rule.usage;
      if (given != nullptr) {
        quantity *= given->value;
        line.status = LineStatus::usage;
      } else if (rule.estimate) {
        quantity *= *rule.estimate;
        line.status = LineStatus::estimated;
        line.note = "estimate of " + format_quantity(line.unit, *rule.estimate) + "; set " + where +
                    " in a --usage file";
      } else {
        line.status = LineStatus::usage_unset;
        line.note = "usage-based: set " + where + " in a --usage file";
      }
    } else if (quantity == 0) {
      return false;
    }
    line.quantity = line.status == LineStatus::usage_unset ? 0 : quantity;

    const double* price = lookup(line);
    if (price == nullptr) {
      return true;
    }
    line.unit_price = *price;
    line.monthly =
        line.status == LineStatus::usage_unset ? 0 : monthly_cost(line.unit, *price, line.quantity);
    return true;
  }

  const double* lookup(CostLine& line) {
    const std::string catalog_name = "pricing/" + m_catalog.provider + ".yaml";
    if (m_facts.region.empty()) {
      fail(line, "the blueprint has no region");
      return nullptr;
    }
    if (m_catalog.find_region(m_facts.region) == nullptr) {
      fail(line, "region " + util::quoted(m_facts.region) + " is not in " + catalog_name +
                     util::did_you_mean(m_facts.region, m_catalog.region_names()));
      return nullptr;
    }
    const double* price = m_catalog.price(m_facts.region, line.service, line.sku);
    if (price == nullptr) {
      fail(line, "no price for " + util::quoted(line.sku) + " (" + line.service + ") in " + m_facts.region +
                     util::did_you_mean(line.sku, m_catalog.sku_names(m_facts.region, line.service)));
    }
    return price;
  }

  const BlueprintFacts& m_facts;
  const PriceCatalog& m_catalog;
  const UsageFile* m_usage;
};

CostLine not_priced_line(std::string reason) {
  CostLine line;
  line.component = "resource";
  line.status = LineStatus::not_priced;
  line.note = std::move(reason);
  return line;
}

}  // namespace

Estimate estimate_cost(const BlueprintFacts& facts, const PriceCatalog* catalog, const UsageFile* usage) {
  Estimate estimate;
  estimate.file = facts.file;
  estimate.blueprint = facts.name;
  estimate.provider = facts.provider;
  estimate.region = facts.region;
  estimate.environment = facts.environment;
  for (const auto& category : categories()) {
    estimate.subtotals[category] = 0;
  }
  if (catalog != nullptr) {
    estimate.price_source = catalog->source;
    estimate.price_date = catalog->as_of;
  }
  estimate.resources.reserve(facts.resources.size());
  for (const auto& resource : facts.resources) {
    ResourceCost cost;
    cost.name = resource.name;
    cost.type = resource.type;
    cost.count = resource.count;
    cost.location = resource.location;
    cost.category = "other";
    const TypeRule* rule = catalog != nullptr ? catalog->find_type(resource.type) : nullptr;
    if (catalog == nullptr) {
      cost.lines.push_back(not_priced_line("no price catalog for provider " + util::quoted(facts.provider)));
    } else if (rule == nullptr) {
      cost.lines.push_back(not_priced_line("type " + util::quoted(resource.type) +
                                           " has no price mapping in pricing/" + catalog->provider +
                                           ".yaml"));
    } else {
      cost.category = rule->category;
      if (rule->free) {
        CostLine line;
        line.component = "resource";
        line.status = LineStatus::free;
        line.note = *rule->free;
        cost.lines.push_back(line);
      } else {
        ResourcePricer(facts, *catalog, usage).price(resource, *rule, cost);
      }
    }
    for (const auto& line : cost.lines) {
      cost.monthly += line.monthly;
      estimate.not_priced += line.status == LineStatus::not_priced ? 1 : 0;
      estimate.usage_unset += line.status == LineStatus::usage_unset ? 1 : 0;
    }
    estimate.subtotals[cost.category] += cost.monthly;
    estimate.monthly += cost.monthly;
    estimate.resources.push_back(std::move(cost));
  }
  return estimate;
}

}  // namespace dharma::cost
