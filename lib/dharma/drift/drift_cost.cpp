#include "dharma/drift/drift_cost.hpp"

#include <cmath>
#include <map>
#include <optional>

#include "dharma/cost/estimator.hpp"
#include "dharma/cost/money.hpp"

namespace dharma::drift {
namespace {

std::string shown(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The scalar `value` stands for in a property of the kind of `property`,
// when it carries it: the same string, or the same number (also as text).
bool carries(const cost::Scalar& property, const nlohmann::json& value) {
  if (property.kind == cost::Scalar::Kind::string) {
    return value.is_string() && value.get<std::string>() == property.text;
  }
  if (property.kind == cost::Scalar::Kind::number) {
    if (value.is_number()) {
      return std::fabs(value.get<double>() - property.number) < 1e-9;
    }
    return value.is_string() && value.get<std::string>() == property.text;
  }
  return false;
}

std::optional<cost::Scalar> as_scalar_like(const cost::Scalar& property, const nlohmann::json& actual) {
  if (property.kind == cost::Scalar::Kind::string && actual.is_string()) {
    return cost::Scalar::of_string(actual.get<std::string>());
  }
  if (property.kind == cost::Scalar::Kind::number) {
    if (actual.is_number()) {
      return cost::Scalar::of_number(actual.get<double>());
    }
    if (actual.is_string()) {
      try {
        std::size_t used = 0;
        const double number = std::stod(actual.get<std::string>(), &used);
        if (used == actual.get<std::string>().size()) {
          return cost::Scalar::of_number(number);
        }
      } catch (const std::exception&) {
        return std::nullopt;
      }
    }
  }
  return std::nullopt;
}

std::optional<double> priced(const cost::BlueprintFacts& facts, const cost::ResourceFacts& resource,
                             const cost::PriceCatalog& catalog) {
  cost::BlueprintFacts one;
  one.file = facts.file;
  one.name = facts.name;
  one.provider = facts.provider;
  one.region = facts.region;
  one.environment = facts.environment;
  one.resources = {resource};
  const auto estimate = cost::estimate_cost(one, &catalog, nullptr);
  if (estimate.resources.empty() || estimate.resources[0].has_status(cost::LineStatus::not_priced)) {
    return std::nullopt;
  }
  return estimate.resources[0].monthly;
}

}  // namespace

void price_drift(const cost::BlueprintFacts& facts, const cost::PriceCatalog* catalog, DriftReport& report) {
  report.costs.clear();
  if (catalog == nullptr) {
    return;
  }
  report.cost_currency = catalog->currency;
  std::map<std::string, const cost::ResourceFacts*> by_name;
  for (const auto& resource : facts.resources) {
    by_name.emplace(resource.name, &resource);
  }
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Change*>> changes;
  for (const auto& finding : report.resources) {
    if (finding.status != Status::changed || by_name.count(finding.blueprint_resource) == 0) {
      continue;
    }
    if (changes.count(finding.blueprint_resource) == 0) {
      order.push_back(finding.blueprint_resource);
    }
    auto& list = changes[finding.blueprint_resource];
    for (const auto& change : finding.changes) {
      if (!change.sensitive) {
        list.push_back(&change);
      }
    }
  }
  for (const auto& name : order) {
    const cost::ResourceFacts& desired = *by_name.at(name);
    cost::ResourceFacts actual = desired;
    DriftCost drift_cost;
    drift_cost.blueprint_resource = name;
    for (const auto& [key, property] : desired.properties) {
      for (const Change* change : changes[name]) {
        if (!carries(property, change->desired)) {
          continue;
        }
        if (auto replaced = as_scalar_like(property, change->actual)) {
          actual.properties[key] = *replaced;
          drift_cost.properties.push_back(key + ": " + shown(change->desired) + " -> " +
                                          shown(change->actual));
          break;
        }
      }
    }
    if (drift_cost.properties.empty()) {
      continue;
    }
    const auto before = priced(facts, desired, *catalog);
    const auto after = priced(facts, actual, *catalog);
    // Not priced either way, or a change the price does not depend on.
    if (!before || !after || std::fabs(*after - *before) < 0.005) {
      continue;
    }
    drift_cost.desired_monthly = *before;
    drift_cost.actual_monthly = *after;
    report.costs.push_back(std::move(drift_cost));
  }
}

}  // namespace dharma::drift
