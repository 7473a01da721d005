#pragma once
// The result of a guard run, shared by every output format: the findings,
// the policies that ran, the tallies behind the compliance score, and the
// rule that turns findings into the exit code.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "dharma/policy/engine.hpp"
#include "dharma/policy/finding.hpp"
#include "dharma/policy/policy.hpp"

namespace dharma::policy {

struct InactivePolicy {
  const Policy* policy = nullptr;
  std::vector<std::string> missing_parameters;
};

struct ReportTarget {  // a resource, for outputs that list every check (JUnit)
  std::string file;
  std::string resource;
  std::string type;
  util::SourceLocation location;
};

struct Report {
  std::vector<std::string> files;       // blueprint files, as given
  std::vector<std::string> blueprints;  // their metadata.name
  std::size_t resource_count = 0;
  std::vector<const Policy*> policies;   // that ran, id order
  std::vector<InactivePolicy> inactive;  // needing parameters
  std::vector<std::string> disabled;     // by configuration or --skip
  std::vector<Finding> findings;         // file, resource order, policy id
  std::vector<Evaluated> evaluated;      // when kept (JUnit)
  std::vector<ReportTarget> targets;     // when kept (JUnit)
  std::array<std::size_t, 5> checked{};
  std::array<std::size_t, 5> failed{};
  std::optional<Severity> fail_on;  // --fail-on; default rule when empty
  bool baseline_used = false;

  // Compliance score 0-100: severity-weighted share of (policy, resource)
  // checks that pass; suppressed ones are left out. 100 when nothing was checked.
  int score() const;
  // True when `finding` makes the run fail (exit 1).
  bool fails(const Finding& finding) const;
  bool failed_run() const;
  // Open findings per severity (most severe first).
  std::array<std::size_t, 5> open_by_severity() const;
  std::size_t count(FindingState state) const;
  std::size_t expired_suppressions() const;
  // Human description of the failure threshold.
  std::string threshold_text() const;
};

// Score weights per severity: critical 10, high 5, medium 3, low 1, info 0.
int severity_weight(Severity severity);

}  // namespace dharma::policy
