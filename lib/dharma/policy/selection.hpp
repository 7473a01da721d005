#pragma once
// Which policies of a pack a guard run evaluates: --only and --skip (comma
// lists, each id checked against the pack), what the configuration
// disabled, and those left inactive because a required parameter has no value.

#include <string>
#include <vector>

#include "dharma/policy/policy_loader.hpp"
#include "dharma/policy/report.hpp"

namespace dharma::policy {

struct PolicySelection {
  std::vector<std::string> only;      // --only values as given (comma lists allowed); empty = every policy
  std::vector<std::string> skip;      // --skip values as given
  std::vector<std::string> disabled;  // ids the configuration disabled
};

struct SelectedPolicies {
  std::vector<const Policy*> active;     // to evaluate, pack order
  std::vector<std::string> disabled;     // by --only/--skip or configuration
  std::vector<InactivePolicy> inactive;  // needing parameters
};

// The ids of comma-separated `values`, trimmed, empty ones dropped.
std::vector<std::string> split_policy_ids(const std::vector<std::string>& values);

// Throws util::Error (exit 2) naming the flag, with a suggestion, for an id
// of --only or --skip that the pack does not have; and for a selection that
// would check nothing yet pass: --only or --skip given without ids, or every
// --only id also skipped.
void check_selection(const PolicySelection& selection, const PolicyPack& pack);

SelectedPolicies select_policies(const PolicyPack& pack, const PolicySelection& selection);

}  // namespace dharma::policy
