#pragma once
// `dharma guard policies test`: runs every policy on its own fixtures. A
// `pass` fixture must produce no finding, a `fail` fixture exactly one; a
// policy without at least one of each fails too, so no policy ships untested.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dharma/policy/policy.hpp"

namespace dharma::policy {

struct FixtureOutcome {
  const Policy* policy = nullptr;
  const Fixture* fixture = nullptr;  // nullptr for "has no pass/fail fixture"
  bool ok = false;
  std::string detail;  // why it failed, or the finding message
};

// Optional hook that fills in catalog defaults for a fixture's properties,
// so fixtures see what a resolved blueprint would, and adds to `problems`
// the properties the catalog does not know (a typo would make a fixture pass
// for the wrong reason).
using DefaultsHook = std::function<value::Map(const std::string& type, const value::Map& properties,
                                              std::vector<std::string>& problems)>;

// Answers whether some portable type matching `type_pattern` has a top-level
// property `property`; nullopt when the pattern names no portable type
// (a provider, a native type), which cannot be checked.
using PropertyOracle =
    std::function<std::optional<bool>(const std::string& type_pattern, const std::string& property)>;

std::vector<FixtureOutcome> run_fixtures(const std::vector<const Policy*>& policies,
                                         const DefaultsHook& defaults);

// Policies whose `properties.X` paths name a property that none of the
// portable types they apply to has: usually a typo that makes a check always
// see "missing".
std::vector<FixtureOutcome> lint_property_paths(const std::vector<const Policy*>& policies,
                                                const PropertyOracle& oracle);

// Text summary: one line per failure, then `N policies, N cases: ok|N failed`.
std::string format_fixture_outcomes(const std::vector<FixtureOutcome>& outcomes, std::size_t policy_count);

}  // namespace dharma::policy
