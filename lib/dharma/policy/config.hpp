#pragma once
// Guard's part of dharma.yaml (or --config FILE), docs/guard.md "Configuration":
//
//   guard:
//     fail_on: high                      # default threshold for the exit code
//     policy_dirs: [ops/policies]        # extra packs, relative to the file
//     policies:
//       comp-004: {parameters: {allowed_regions: [eu-west-1, eu-central-1]}}
//       cost-002: {enabled: false}
//       sec-003:  {severity: high, enforcement: soft}
//
// Other top-level sections belong to other commands and are not read here.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dharma/policy/policy.hpp"
#include "dharma/policy/policy_loader.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/value/value.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::policy {

struct PolicySettings {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
  std::optional<Enforcement> enforcement;
  value::Map parameters;
  std::vector<std::pair<std::string, util::SourceLocation>> parameter_locations;
  util::SourceLocation location;  // the policy id key
};

struct GuardConfig {
  std::string file;  // empty when there was none
  std::optional<Severity> fail_on;
  std::vector<std::string> policy_dirs;  // resolved against the file's directory
  std::map<std::string, PolicySettings> policies;
  yaml::NodePtr document;
};

// Reads `path`; problems go to `diagnostics`.
GuardConfig load_guard_config(const std::string& path, util::Diagnostics& diagnostics);

// Applies severity/enforcement overrides and parameters to `pack` and returns
// the ids that are disabled. Unknown policy ids or parameters are errors.
std::vector<std::string> apply_guard_config(const GuardConfig& config, PolicyPack& pack,
                                            util::Diagnostics& diagnostics);

}  // namespace dharma::policy
