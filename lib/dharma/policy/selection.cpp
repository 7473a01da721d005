#include "dharma/policy/selection.hpp"

#include <algorithm>

#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::policy {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void check_ids(const std::vector<std::string>& ids, const std::string& flag, const PolicyPack& pack) {
  const auto known = pack.ids();
  for (const auto& id : ids) {
    if (pack.find(id) == nullptr) {
      throw util::Error(flag + ": unknown policy " + util::quoted(id) + util::did_you_mean(id, known) +
                        " (run 'dharma guard policies list')");
    }
  }
}

}  // namespace

std::vector<std::string> split_policy_ids(const std::vector<std::string>& values) {
  std::vector<std::string> ids;
  for (const auto& value : values) {
    for (auto& id : util::split(value, ',')) {
      id = util::trim(id);
      if (!id.empty()) {
        ids.push_back(id);
      }
    }
  }
  return ids;
}

void check_selection(const PolicySelection& selection, const PolicyPack& pack) {
  check_ids(split_policy_ids(selection.only), "--only", pack);
  check_ids(split_policy_ids(selection.skip), "--skip", pack);
}

SelectedPolicies select_policies(const PolicyPack& pack, const PolicySelection& selection) {
  const auto only = split_policy_ids(selection.only);
  const auto skip = split_policy_ids(selection.skip);
  SelectedPolicies selected;
  for (const auto& policy : pack.policies()) {
    const bool chosen = (only.empty() || contains(only, policy->id)) && !contains(skip, policy->id);
    if (!chosen || contains(selection.disabled, policy->id)) {
      selected.disabled.push_back(policy->id);
      continue;
    }
    if (auto missing = policy->missing_parameters(); !missing.empty()) {
      selected.inactive.push_back({policy.get(), missing});
      continue;
    }
    selected.active.push_back(policy.get());
  }
  return selected;
}

}  // namespace dharma::policy
