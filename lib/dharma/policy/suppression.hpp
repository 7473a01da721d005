#pragma once
// Validation of `guard.skip` entries on resources (docs/guard.md,
// "Suppressions"). The blueprint loader parses them; guard checks that each
// names a known policy, gives a reason, and has a real YYYY-MM-DD date.

#include <string>
#include <vector>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::policy {

// Reports every invalid skip of `blueprint` against `known_policies`.
void validate_skips(const blueprint::ResolvedBlueprint& blueprint, const std::vector<std::string>& known_policies,
                    util::Diagnostics& diagnostics);

// True for a real calendar date written YYYY-MM-DD.
bool valid_date(const std::string& text);

}  // namespace dharma::policy
