// Recommendations work line by line on the priced estimate. For each priced
// line the "current" monthly cost starts at its on-demand figure:
//   1. right-size (non-production only): the next smaller SKU on the
//      catalog's size ladder, when it is priced in the region;
//   2. commitment (production only): reserved/committed-use or a savings
//      plan, as a discount on what is left after step 1; or spot
//      (non-production only) the same way;
//   3. storage tier (any environment): move a share of the GB to a cheaper
//      class.
// Each step's saving is computed on the cost left by the previous step, and
// savings are summed per resource and kind, so the total never exceeds what
// the resource costs.

#include "dharma/cost/recommend.hpp"

#include <map>

#include "dharma/util/text.hpp"

namespace dharma::cost {
namespace {

bool starts_with_any(const std::string& text, std::initializer_list<const char*> prefixes) {
  for (const char* prefix : prefixes) {
    if (util::starts_with(text, prefix)) {
      return true;
    }
  }
  return false;
}

struct Pending {
  std::string action;
  std::string assumption;
  double saving = 0;
};

class ResourceAdvisor {
 public:
  ResourceAdvisor(const Estimate& estimate, const PriceCatalog& catalog, EnvironmentClass environment)
      : m_estimate(estimate), m_catalog(catalog), m_environment(environment) {}

  void advise(const ResourceCost& resource, std::vector<Recommendation>& out) {
    std::map<std::string, Pending> by_kind;  // kind -> accumulated
    std::vector<std::string> order;
    auto add = [&](const std::string& kind, const std::string& action, const std::string& assumption,
                   double saving) {
      if (saving <= 0) {
        return;
      }
      auto [it, inserted] = by_kind.try_emplace(kind);
      if (inserted) {
        order.push_back(kind);
        it->second.action = action;
        it->second.assumption = assumption;
      } else if (it->second.action != action) {
        it->second.action += "; " + action;
      }
      it->second.saving += saving;
    };
    const auto& rules = m_catalog.recommendations;
    for (const auto& line : resource.lines) {
      if (line.monthly <= 0 || line.status == LineStatus::not_priced || line.status == LineStatus::free) {
        continue;
      }
      double current = line.monthly;
      if (m_environment == EnvironmentClass::non_production) {
        if (const auto smaller = rules.smaller_size(line.sku)) {
          if (const double* price = m_catalog.price(m_estimate.region, line.service, *smaller)) {
            const double resized = monthly_cost(line.unit, *price, line.quantity);
            add("right_size", line.component + ": " + line.sku + " -> " + *smaller,
                "no utilisation data offline: in a non-production environment one size smaller usually "
                "suffices; "
                "check CPU and memory before resizing",
                current - resized);
            current = resized;
          }
        }
        if (rules.spot && rules.spot->applies_to(line.service)) {
          add("spot", line.component + ": run on spot/preemptible capacity", rules.spot->assumption,
              current * rules.spot->discount);
        }
      } else if (m_environment == EnvironmentClass::production && line.unit == PriceUnit::hour) {
        if (rules.reserved && rules.reserved->applies_to(line.service)) {
          add("reserved", line.component + ": commit for one year (reserved / committed use)",
              rules.reserved->assumption, current * rules.reserved->discount);
        }
        if (rules.savings_plan && rules.savings_plan->applies_to(line.service)) {
          add("savings_plan", line.component + ": cover with a one-year savings plan",
              rules.savings_plan->assumption, current * rules.savings_plan->discount);
        }
      }
      for (const auto& tier : rules.storage_tiers) {
        if (tier.service != line.service || tier.from != line.sku) {
          continue;
        }
        if (const double* price = m_catalog.price(m_estimate.region, line.service, tier.to)) {
          const double moved = line.quantity * tier.share;
          add("storage_tier", line.component + ": " + tier.from + " -> " + tier.to, tier.assumption,
              moved * (line.unit_price - *price));
        }
      }
    }
    // Reserved and savings plan discount the same hours: count only the larger.
    const auto reserved = by_kind.find("reserved");
    const auto plan = by_kind.find("savings_plan");
    std::string alternative;
    if (reserved != by_kind.end() && plan != by_kind.end()) {
      alternative = reserved->second.saving >= plan->second.saving ? "savings_plan" : "reserved";
    }
    for (const auto& kind : order) {
      const auto& pending = by_kind.at(kind);
      Recommendation recommendation;
      recommendation.resource = resource.name;
      recommendation.kind = kind;
      recommendation.action = pending.action;
      recommendation.assumption = pending.assumption;
      recommendation.monthly_saving = pending.saving;
      recommendation.counted = kind != alternative;
      if (!recommendation.counted) {
        recommendation.assumption +=
            " (alternative to " + std::string(kind == "reserved" ? "the savings plan" : "reserved capacity") +
            ": not added to the total)";
      }
      out.push_back(std::move(recommendation));
    }
  }

 private:
  const Estimate& m_estimate;
  const PriceCatalog& m_catalog;
  EnvironmentClass m_environment;
};

}  // namespace

EnvironmentClass classify_environment(const std::string& environment) {
  const std::string name = util::to_lower(environment);
  if (starts_with_any(name, {"prod"})) {
    return EnvironmentClass::production;
  }
  if (starts_with_any(name, {"dev", "test", "qa", "stag", "preview", "sandbox", "uat", "ci"})) {
    return EnvironmentClass::non_production;
  }
  return EnvironmentClass::unknown;
}

void recommend(Estimate& estimate, const PriceCatalog& catalog) {
  estimate.recommendations.clear();
  ResourceAdvisor advisor(estimate, catalog, classify_environment(estimate.environment));
  for (const auto& resource : estimate.resources) {
    advisor.advise(resource, estimate.recommendations);
  }
}

}  // namespace dharma::cost
