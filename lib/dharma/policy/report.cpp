#include "dharma/policy/report.hpp"

#include <cmath>

namespace dharma::policy {

int severity_weight(Severity severity) {
  switch (severity) {
    case Severity::critical:
      return 10;
    case Severity::high:
      return 5;
    case Severity::medium:
      return 3;
    case Severity::low:
      return 1;
    case Severity::info:
      return 0;
  }
  return 0;
}

int Report::score() const {
  double total = 0;
  double passing = 0;
  for (std::size_t i = 0; i < checked.size(); ++i) {
    const double weight = severity_weight(static_cast<Severity>(i));
    total += weight * static_cast<double>(checked[i]);
    passing += weight * static_cast<double>(checked[i] - failed[i]);
  }
  if (total == 0) {
    return 100;
  }
  // Floor, so that any weighted failure keeps the score below 100.
  return static_cast<int>(std::floor(100.0 * passing / total));
}

bool Report::fails(const Finding& finding) const {
  if (finding.state != FindingState::open) {
    return false;
  }
  if (fail_on) {
    return at_least(finding.policy->severity, *fail_on);
  }
  return finding.policy->enforcement == Enforcement::hard ||
         at_least(finding.policy->severity, Severity::high);
}

bool Report::failed_run() const {
  for (const auto& finding : findings) {
    if (fails(finding)) {
      return true;
    }
  }
  return false;
}

std::array<std::size_t, 5> Report::open_by_severity() const {
  std::array<std::size_t, 5> counts{};
  for (const auto& finding : findings) {
    if (finding.state == FindingState::open) {
      ++counts[static_cast<std::size_t>(finding.policy->severity)];
    }
  }
  return counts;
}

std::size_t Report::count(FindingState state) const {
  std::size_t n = 0;
  for (const auto& finding : findings) {
    n += finding.state == state ? 1 : 0;
  }
  return n;
}

std::size_t Report::expired_suppressions() const {
  std::size_t n = 0;
  for (const auto& finding : findings) {
    n += finding.suppression && finding.suppression->expired ? 1 : 0;
  }
  return n;
}

std::string Report::threshold_text() const {
  if (fail_on) {
    return std::string("any open finding of severity ") + severity_name(*fail_on) + " or above";
  }
  return "any open hard-enforcement finding, or any open critical or high finding";
}

}  // namespace dharma::policy
