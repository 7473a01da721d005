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
  const auto only = split_policy_ids(selection.only);
  const auto skip = split_policy_ids(selection.skip);
  check_ids(only, "--only", pack);
  check_ids(skip, "--skip", pack);
  // A selection that would check nothing, or less than asked, and still pass:
  // `--only ''` (no ids at all), or --only ids that --skip all removes
  // (`--only X --skip X`). Skipping some of the --only ids narrows the run and
  // is fine.
  if (!selection.only.empty() && only.empty()) {
    throw util::Error("--only: no policy ids given (expected e.g. --only sec-001,cost-001)");
  }
  if (!selection.skip.empty() && skip.empty()) {
    throw util::Error("--skip: no policy ids given (expected e.g. --skip cost-001)");
  }
  if (!only.empty() &&
      std::all_of(only.begin(), only.end(), [&](const auto& id) { return contains(skip, id); })) {
    throw util::Error("--only and --skip leave no policy to run: " + util::join(only, ", ") +
                      (only.size() == 1 ? " is" : " are") + " given to both");
  }
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
