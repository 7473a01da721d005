#pragma once
// Validation of `guard.skip` entries on resources (docs/guard.md,
// "Suppressions"). The blueprint loader parses them; guard and `blueprint
// validate` check that each names a policy, gives a reason, and has a real
// YYYY-MM-DD date; guard also that the policy is one it knows.

#include <string>
#include <vector>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::policy {

// Reports every invalid skip of `blueprint`; policy ids are checked against
// `known_policies` unless it is null (validate does not know which packs
// guard will load).
void validate_skips(const blueprint::ResolvedBlueprint& blueprint,
                    const std::vector<std::string>* known_policies, util::Diagnostics& diagnostics);

// True for a real calendar date written YYYY-MM-DD.
bool valid_date(const std::string& text);

}  // namespace dharma::policy
