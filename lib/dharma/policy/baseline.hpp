#pragma once
// Baselines (docs/guard.md, "Baselines"): a JSON file recording the findings
// of one run, so a later run fails only on findings that are new. Findings
// are matched by blueprint, policy, resource and fingerprint — never by line.

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "dharma/policy/finding.hpp"

namespace dharma::policy {

struct Baseline {
  std::vector<std::string> blueprints;  // metadata.name of each blueprint it covers
  // (blueprint, policy, resource, fingerprint)
  std::set<std::tuple<std::string, std::string, std::string, std::string>> entries;

  bool contains(const Finding& finding) const;
};

// The baseline document for the open findings of a run over `blueprints`:
// deterministic (sorted, no timestamps).
std::string baseline_json(const std::vector<std::string>& blueprints, const std::vector<Finding>& findings);

// Parses a baseline file and checks it covers exactly `blueprints`. Throws
// util::Error (exit 2) when it is corrupt or was recorded for other blueprints.
Baseline load_baseline(const std::string& path, const std::vector<std::string>& blueprints);

// Marks open findings found in `baseline` as baselined.
void apply_baseline(const Baseline& baseline, std::vector<Finding>& findings);

}  // namespace dharma::policy
