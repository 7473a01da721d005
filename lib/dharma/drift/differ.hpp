#pragma once
// The drift differ: desired resources against the actual state.

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "dharma/drift/actual_state.hpp"
#include "dharma/drift/desired_state.hpp"
#include "dharma/drift/findings.hpp"
#include "dharma/drift/rules.hpp"
#include "dharma/util/source_location.hpp"

namespace dharma::drift {

struct DiffOptions {
  bool only_managed = false;  // leave out resources the blueprint does not declare
  // Where each blueprint resource is declared, for locating findings.
  std::unordered_map<std::string, util::SourceLocation> locations;
  nlohmann::json variables = nlohmann::json::object();  // var.NAME values (variable_defaults)
};

// One finding per desired resource (in its order), then one per actual
// resource nothing desired matched (unmanaged), unless `only_managed`. A
// desired resource matches an actual one of the same address, else the one
// resource of that address under a Terraform module (module.app.ADDRESS);
// when several modules have it, a note naming them goes to `notes`.
// With `unlisted_in_sync`, a finding in sync is only counted there, not kept
// (no report lists one: DriftReport::in_sync_unlisted), unless it is tainted
// (a note names it) or a count instance (drift's cost counts the instances
// running).
std::vector<ResourceFinding> diff_resources(const std::vector<DesiredResource>& desired,
                                            const ActualState& actual, const DriftRules& rules,
                                            const DiffOptions& options,
                                            std::vector<std::string>* notes = nullptr,
                                            std::size_t* unlisted_in_sync = nullptr);

}  // namespace dharma::drift
