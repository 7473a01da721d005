#pragma once
// Cost difference between two estimates (`dharma cost diff OLD NEW`,
// `--compare-env`): resources matched by name, each added, removed, changed
// or unchanged, with the total delta and percentage.

#include <optional>
#include <string>
#include <vector>

#include "dharma/cost/estimate.hpp"

namespace dharma::cost {

enum class ChangeKind { added, removed, changed, unchanged };
const char* change_kind_name(ChangeKind kind);

struct ResourceDelta {
  std::string name;
  std::string type;
  ChangeKind kind = ChangeKind::unchanged;
  std::string old_sku;  // main SKU, for "t3.medium -> m5.large"
  std::string new_sku;
  long long old_count = 0;
  long long new_count = 0;
  double old_monthly = 0;
  double new_monthly = 0;
  double delta() const { return new_monthly - old_monthly; }
};

struct CostDiff {
  std::string old_label;  // file or environment
  std::string new_label;
  std::vector<ResourceDelta> resources;  // new order first, then removed ones in old order
  double old_monthly = 0;
  double new_monthly = 0;
  int old_not_priced = 0;
  int new_not_priced = 0;

  double delta() const { return new_monthly - old_monthly; }
  // Percentage change; nullopt when the old total is zero.
  std::optional<double> percent() const;
  bool has_changes() const;
};

CostDiff diff_estimates(const Estimate& before, const Estimate& after, std::string old_label,
                        std::string new_label);

// Thresholds for `--fail-above` / `--fail-above-percent`: the reasons the
// diff fails (empty when it passes).
std::vector<std::string> diff_threshold_failures(const CostDiff& diff, std::optional<double> fail_above,
                                                 std::optional<double> fail_above_percent);

}  // namespace dharma::cost
