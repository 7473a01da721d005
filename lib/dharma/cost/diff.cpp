#include "dharma/cost/diff.hpp"

#include <cmath>
#include <unordered_map>

#include "dharma/util/number_text.hpp"

namespace dharma::cost {
namespace {

// Differences below half a cent are rounding noise, not changes.
constexpr double k_epsilon = 0.005;

bool same_lines(const ResourceCost& a, const ResourceCost& b) {
  if (a.lines.size() != b.lines.size() || a.type != b.type || a.count != b.count) {
    return false;
  }
  for (std::size_t i = 0; i < a.lines.size(); ++i) {
    const auto& x = a.lines[i];
    const auto& y = b.lines[i];
    if (x.sku != y.sku || x.status != y.status || std::fabs(x.monthly - y.monthly) >= k_epsilon ||
        std::fabs(x.quantity - y.quantity) > 1e-9) {
      return false;
    }
  }
  return true;
}

}  // namespace

const char* change_kind_name(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::added:
      return "added";
    case ChangeKind::removed:
      return "removed";
    case ChangeKind::changed:
      return "changed";
    case ChangeKind::unchanged:
      return "unchanged";
  }
  return "unchanged";
}

std::optional<double> CostDiff::percent() const {
  if (std::fabs(old_monthly) < k_epsilon) {
    return std::nullopt;
  }
  return delta() / old_monthly * 100.0;
}

bool CostDiff::has_changes() const {
  for (const auto& resource : resources) {
    if (resource.kind != ChangeKind::unchanged) {
      return true;
    }
  }
  return false;
}

CostDiff diff_estimates(const Estimate& before, const Estimate& after, std::string old_label,
                        std::string new_label) {
  CostDiff diff;
  diff.old_label = std::move(old_label);
  diff.new_label = std::move(new_label);
  diff.old_monthly = before.monthly;
  diff.new_monthly = after.monthly;
  diff.old_not_priced = before.not_priced;
  diff.new_not_priced = after.not_priced;
  std::unordered_map<std::string, const ResourceCost*> old_by_name;
  for (const auto& resource : before.resources) {
    old_by_name.emplace(resource.name, &resource);
  }
  std::unordered_map<std::string, bool> seen;
  for (const auto& resource : after.resources) {
    ResourceDelta delta;
    delta.name = resource.name;
    delta.type = resource.type;
    delta.new_sku = resource.main_sku();
    delta.new_count = resource.count;
    delta.new_monthly = resource.monthly;
    const auto it = old_by_name.find(resource.name);
    if (it == old_by_name.end()) {
      delta.kind = ChangeKind::added;
    } else {
      seen[resource.name] = true;
      const ResourceCost& old = *it->second;
      delta.old_sku = old.main_sku();
      delta.old_count = old.count;
      delta.old_monthly = old.monthly;
      delta.kind = same_lines(old, resource) ? ChangeKind::unchanged : ChangeKind::changed;
    }
    diff.resources.push_back(std::move(delta));
  }
  for (const auto& resource : before.resources) {
    if (seen.count(resource.name) != 0) {
      continue;
    }
    ResourceDelta delta;
    delta.name = resource.name;
    delta.type = resource.type;
    delta.kind = ChangeKind::removed;
    delta.old_sku = resource.main_sku();
    delta.old_count = resource.count;
    delta.old_monthly = resource.monthly;
    diff.resources.push_back(std::move(delta));
  }
  return diff;
}

std::vector<std::string> diff_threshold_failures(const CostDiff& diff, std::optional<double> fail_above,
                                                 std::optional<double> fail_above_percent) {
  std::vector<std::string> reasons;
  if (fail_above && diff.delta() > *fail_above + 1e-9) {
    reasons.push_back("the monthly cost rises by " + format_money(diff.delta()) + ", above --fail-above " +
                      format_money(*fail_above));
  }
  if (fail_above_percent) {
    const auto percent = diff.percent();
    if (!percent && diff.delta() > k_epsilon) {
      reasons.push_back("the monthly cost rises from $0.00 to " + format_money(diff.new_monthly) +
                        ", above --fail-above-percent " + format_number(*fail_above_percent) + "%");
    } else if (percent && *percent > *fail_above_percent + 1e-9) {
      reasons.push_back("the monthly cost rises by " + util::fixed_text(*percent, 1) +
                        "%, above --fail-above-percent " + format_number(*fail_above_percent) + "%");
    }
  }
  return reasons;
}

}  // namespace dharma::cost
