#pragma once
// `dharma drift --recorded`: the blueprint against the version the store
// says runs (the last successful deploy, else the latest pushed version).
//
// Without a state file the recorded version's rendering stands for what
// runs: each resource the blueprint changed, added or removed since is a
// finding whose verdict is "not applied yet". With --state the actual state
// is compared with both renderings, and each drifted resource gets the
// three-way verdict: "changed outside IaC" (actual differs from what was
// deployed and the blueprint did not move), "not applied yet" (the
// blueprint moved on, actual still matches the deploy), or both.

#include <string>
#include <vector>

#include "dharma/drift/desired_state.hpp"
#include "dharma/drift/findings.hpp"

namespace dharma::drift {

extern const char* const k_changed_outside_iac;
extern const char* const k_not_applied_yet;
extern const char* const k_changed_outside_and_not_applied;

// What the blueprint changed between the recorded version and now, by address.
struct VersionDelta {
  std::vector<std::string> changed;  // in both, attributes differ
  std::vector<std::string> added;    // only in the blueprint now
  std::vector<std::string> removed;  // only in the recorded version

  bool touches(const std::string& address) const;
};

VersionDelta compare_versions(const std::vector<DesiredResource>& recorded,
                              const std::vector<DesiredResource>& current);

// The findings of the blueprint against the recorded version alone: changed
// (each top-level attribute that differs, desired = now, actual = recorded),
// missing (added since) and unmanaged (removed since), every one "not applied
// yet"; resources the blueprint did not touch are in sync.
std::vector<ResourceFinding> findings_since_recorded(const std::vector<DesiredResource>& recorded,
                                                     const std::vector<DesiredResource>& current);

// Sets the verdict of each drifted finding of `current` (the blueprint
// against the actual state) from `recorded` (the recorded version against
// the same actual state) and what the blueprint changed since.
void assign_verdicts(std::vector<ResourceFinding>& current, const std::vector<ResourceFinding>& recorded,
                     const VersionDelta& delta);

// "2 resources changed, 1 added, 0 removed since".
std::string delta_summary(const VersionDelta& delta);

// What identifies one finding across runs, for its first-seen time: its
// address, status and verdict (a rule not applied yet that is then also
// changed by hand is a new finding).
std::string finding_key(const ResourceFinding& finding);

}  // namespace dharma::drift
