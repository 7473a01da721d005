#pragma once
// Runs a policy pack over resources: which policies apply, which fail, and
// which failures are suppressed by the resources' `guard.skip` entries.

#include <array>
#include <string>
#include <vector>

#include "dharma/policy/finding.hpp"
#include "dharma/policy/policy.hpp"
#include "dharma/policy/target.hpp"

namespace dharma::policy {

// One (policy, resource) pair that was evaluated, kept for JUnit's passing cases.
struct Evaluated {
  const Policy* policy = nullptr;
  std::size_t target = 0;  // index into the targets
  bool failed = false;
};

struct EngineOptions {
  std::string today;  // YYYY-MM-DD, for suppression expiry
  bool record_evaluated = false;
};

struct EngineResult {
  std::vector<Finding> findings;         // target order, then policy id
  std::vector<Evaluated> evaluated;      // only with record_evaluated
  std::array<std::size_t, 5> checked{};  // pairs evaluated, per severity (suppressed excluded)
  std::array<std::size_t, 5> failed{};   // of those, the failing ones
  std::size_t unknown = 0;               // pairs not judged: they depend on a secret given no value
};

// Evaluates every policy of `policies` (already configured and active) on
// every target it applies to.
EngineResult run_policies(const std::vector<const Policy*>& policies, const std::vector<Target>& targets,
                          const EngineOptions& options);

// `v1:` + 16 hex digits of SHA-256 over blueprint, policy, resource type and
// name, and the offending path without list indexes: unchanged when lines move.
std::string fingerprint(const std::string& blueprint, const std::string& policy, const std::string& type,
                        const std::string& resource, const std::string& path);

}  // namespace dharma::policy
