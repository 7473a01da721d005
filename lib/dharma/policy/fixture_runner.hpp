#pragma once
// `dharma guard policies test`: runs every policy on its own fixtures. A
// `pass` fixture must produce no finding, a `fail` fixture exactly one; a
// policy without at least one of each fails too, so no policy ships untested.

#include <functional>
#include <string>
#include <vector>

#include "dharma/policy/policy.hpp"

namespace dharma::policy {

struct FixtureOutcome {
  const Policy* policy = nullptr;
  const Fixture* fixture = nullptr;  // nullptr for "has no pass/fail fixture"
  bool ok = false;
  std::string detail;                // why it failed, or the finding message
};

// Optional hook that fills in catalog defaults for a fixture's properties,
// so fixtures see what a resolved blueprint would.
using DefaultsHook = std::function<blueprint::Map(const std::string& type, const blueprint::Map& properties)>;

std::vector<FixtureOutcome> run_fixtures(const std::vector<const Policy*>& policies, const DefaultsHook& defaults);

// Text summary: one line per failure, then `N policies, N cases: ok|N failed`.
std::string format_fixture_outcomes(const std::vector<FixtureOutcome>& outcomes, std::size_t policy_count);

}  // namespace dharma::policy
