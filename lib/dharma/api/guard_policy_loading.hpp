#pragma once
// Loading the policies a guard command runs with: the configuration
// (--config or ./dharma.yaml), the default pack, configured and --policies
// packs, with configuration applied. Shared by `guard` and `guard policies`.

#include <string>
#include <vector>

#include "dharma/api/guard_api.hpp"
#include "dharma/policy/config.hpp"
#include "dharma/policy/policy_loader.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::api {

struct LoadedPolicies {
  policy::GuardConfig config;
  policy::PolicyPack pack;
  std::vector<std::string> disabled;  // by configuration
};

// Prints `diagnostics` and throws util::Reported (exit 2) when there are errors.
void fail_on_errors(const util::Diagnostics& diagnostics, CommandContext& context);

// Every problem in the configuration and every pack is reported, then exit 2.
LoadedPolicies load_policies(const PolicySource& source, CommandContext& context);

}  // namespace dharma::api
