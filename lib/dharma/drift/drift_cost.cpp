#include "dharma/drift/drift_cost.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>

#include "dharma/cost/estimator.hpp"
#include "dharma/cost/money.hpp"
#include "dharma/drift/carried_properties.hpp"

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

// One change with the Terraform type of the resource it was found on.
struct TypedChange {
  std::string type;
  const Change* change = nullptr;
};

struct MovedProperty {
  std::string property;
  cost::Scalar value;
  std::string shown;  // "disk_type: ssd -> provisioned"
};

// Whether the mapping says which property the changed attribute carries.
bool names_attribute(const CarriedProperties& carried, const TypedChange& typed) {
  const auto type = carried.find(typed.type);
  return type != carried.end() && type->second.count(path_without_indexes(typed.change->path)) != 0;
}

// The property the changed attribute carries by the mapping that rendered
// it, with the actual value read back as that property's value ("50" and
// 50 are both 50 for a number; `gp3` is `ssd` through a choose() table).
std::optional<MovedProperty> through_mapping(const CarriedProperties& carried,
                                             const cost::ResourceFacts& desired, const TypedChange& typed) {
  const auto type = carried.find(typed.type);
  if (type == carried.end()) {
    return std::nullopt;
  }
  const auto attribute = type->second.find(path_without_indexes(typed.change->path));
  if (attribute == type->second.end()) {
    return std::nullopt;
  }
  const cost::Scalar* property = desired.property(attribute->second.property);
  if (property == nullptr) {
    return std::nullopt;
  }
  nlohmann::json actual = typed.change->actual;
  if (actual.is_array() && actual.size() == 1) {
    actual = nlohmann::json(actual[0]);  // list(size): the one element
  }
  const auto& inverse = attribute->second.inverse;
  if (!inverse.empty()) {
    const auto back = actual.is_string() ? inverse.find(actual.get<std::string>()) : inverse.end();
    if (back == inverse.end() || property->kind != cost::Scalar::Kind::string) {
      return std::nullopt;
    }
    return MovedProperty{attribute->second.property, cost::Scalar::of_string(back->second),
                         attribute->second.property + ": " + property->text + " -> " + back->second};
  }
  auto value = as_scalar_like(*property, actual);
  if (!value) {
    return std::nullopt;
  }
  nlohmann::json desired_value = typed.change->desired;
  if (desired_value.is_array() && desired_value.size() == 1) {
    desired_value = nlohmann::json(desired_value[0]);
  }
  return MovedProperty{attribute->second.property, *value,
                       attribute->second.property + ": " +
                           (desired_value.is_null() ? property->text : shown(desired_value)) + " -> " +
                           shown(actual)};
}

// `aws_instance.web[2]` -> {"aws_instance.web", true}; false for an
// address without a numeric (count) index.
std::pair<std::string, bool> counted_base(const std::string& address) {
  const auto open = address.rfind('[');
  if (open == std::string::npos || address.back() != ']' || open + 2 >= address.size()) {
    return {"", false};
  }
  for (std::size_t i = open + 1; i + 1 < address.size(); ++i) {
    if (address[i] < '0' || address[i] > '9') {
      return {"", false};
    }
  }
  return {address.substr(0, open), true};
}

// How many instances the state runs of each counted blueprint resource,
// for those where it is not the blueprint's count: per Terraform resource
// with a count index, the instances found (in sync or changed) plus the
// unmanaged ones at the same address with another index; the most of its
// Terraform resources when it renders several.
std::map<std::string, long long> running_counts(
    const DriftReport& report, const std::map<std::string, const cost::ResourceFacts*>& by_name) {
  std::map<std::string, std::string> owner_of_base;    // counted base address -> blueprint resource
  std::map<std::string, long long> instances_of_base;  // counted base address -> instances running
  for (const auto& finding : report.resources) {
    const auto [base, counted] = counted_base(finding.address);
    if (counted && by_name.count(finding.blueprint_resource) != 0) {
      owner_of_base.emplace(base, finding.blueprint_resource);
      instances_of_base[base] += finding.status == Status::missing ? 0 : 1;
    }
  }
  for (const auto& finding : report.resources) {
    const auto [base, counted] = counted_base(finding.address);
    if (counted && finding.status == Status::unmanaged && owner_of_base.count(base) != 0) {
      ++instances_of_base[base];
    }
  }
  std::map<std::string, long long> running;
  for (const auto& [base, owner] : owner_of_base) {
    auto& most = running[owner];
    most = std::max(most, instances_of_base[base]);
  }
  for (auto it = running.begin(); it != running.end();) {
    it = it->second == by_name.at(it->first)->count ? running.erase(it) : std::next(it);
  }
  return running;
}

}  // namespace

void price_drift(const cost::BlueprintFacts& facts, const cost::PriceCatalog* catalog, DriftReport& report,
                 const catalog::MappingCatalog* mappings) {
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
  std::map<std::string, std::vector<TypedChange>> changes;
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
        list.push_back({finding.type, &change});
      }
    }
  }
  const auto running = running_counts(report, by_name);
  for (const auto& [name, instances] : running) {
    if (changes.count(name) == 0) {
      changes[name];
      order.push_back(name);
    }
  }
  std::map<std::string, CarriedProperties> carried_by_type;  // portable type -> its mapping's attributes
  for (const auto& name : order) {
    const cost::ResourceFacts& desired = *by_name.at(name);
    auto carried = carried_by_type.find(desired.type);
    if (carried == carried_by_type.end()) {
      const catalog::ProviderMapping* mapping =
          mappings == nullptr ? nullptr : mappings->find(facts.provider, desired.type);
      carried =
          carried_by_type
              .emplace(desired.type, mapping == nullptr ? CarriedProperties{} : carried_properties(*mapping))
              .first;
    }
    cost::ResourceFacts actual = desired;
    // Property -> "size: t3.small -> t3.large", in property order.
    std::map<std::string, std::string> moved;
    std::vector<TypedChange> unmapped;  // changes of attributes the mapping does not name
    for (const TypedChange& typed : changes[name]) {
      if (!names_attribute(carried->second, typed)) {
        unmapped.push_back(typed);
      } else if (auto found = through_mapping(carried->second, desired, typed)) {
        moved.emplace(found->property, found->shown);
        actual.properties[found->property] = found->value;
      }
    }
    // Attributes the mapping does not name: a property whose value the
    // change carried verbatim.
    for (const auto& [key, property] : desired.properties) {
      if (moved.count(key) != 0) {
        continue;
      }
      for (const TypedChange& typed : unmapped) {
        const Change* change = typed.change;
        if (!carries(property, change->desired)) {
          continue;
        }
        if (auto replaced = as_scalar_like(property, change->actual)) {
          actual.properties[key] = *replaced;
          moved.emplace(key, key + ": " + shown(change->desired) + " -> " + shown(change->actual));
          break;
        }
      }
    }
    if (const auto count = running.find(name); count != running.end()) {
      actual.count = count->second;
      moved.emplace("count",
                    "count: " + std::to_string(desired.count) + " -> " + std::to_string(count->second));
    }
    if (moved.empty()) {
      continue;
    }
    DriftCost drift_cost;
    drift_cost.blueprint_resource = name;
    for (auto& [key, text] : moved) {
      drift_cost.properties.push_back(std::move(text));
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
