// JUnit XML for CI test tabs: one <testsuite> per policy that ran, one
// <testcase> per resource it was evaluated on. A failing check is a
// <failure>; a suppressed or baselined one is <skipped> with the reason, so
// the tab shows every decision, not only the failures.

#include <map>
#include <sstream>
#include <vector>

#include "dharma/policy/reporters.hpp"
#include "dharma/util/text.hpp"

namespace dharma::policy {

namespace {

std::string expired_note(const Finding& finding) {
  if (!finding.suppression || !finding.suppression->expired) {
    return "";
  }
  return "\nsuppression expired on " + finding.suppression->expires + ": " + finding.suppression->reason;
}

}  // namespace

std::string format_junit(const Report& report) {
  // Findings by (policy, target) come from `evaluated` in the same order.
  std::map<std::pair<const Policy*, std::string>, const Finding*> by_pair;
  for (const auto& finding : report.findings) {
    by_pair[{finding.policy, finding.file + "\n" + finding.resource}] = &finding;
  }
  std::map<const Policy*, std::vector<const Evaluated*>> by_policy;
  for (const auto& evaluated : report.evaluated) {
    by_policy[evaluated.policy].push_back(&evaluated);
  }
  std::size_t tests = 0;
  std::size_t failures = 0;
  std::ostringstream suites;
  for (const Policy* policy : report.policies) {
    const auto& cases = by_policy[policy];
    std::size_t suite_failures = 0;
    std::size_t suite_skipped = 0;
    std::ostringstream body;
    for (const Evaluated* evaluated : cases) {
      const auto& target = report.targets.at(evaluated->target);
      body << "    <testcase classname=\"" << util::xml_escape(policy->id) << "\" name=\""
           << util::xml_escape(target.resource + " (" + target.type + ")") << "\" file=\""
           << util::xml_escape(target.file) << "\" line=\"" << target.location.line << "\"";
      const Finding* finding = nullptr;
      if (evaluated->failed) {
        auto it = by_pair.find({policy, target.file + "\n" + target.resource});
        finding = it == by_pair.end() ? nullptr : it->second;
      }
      if (finding == nullptr) {
        body << "/>\n";
        continue;
      }
      body << ">\n";
      if (finding->state == FindingState::open) {
        ++suite_failures;
        body << "      <failure message=\"" << util::xml_escape(finding->message) << "\" type=\""
             << severity_name(policy->severity) << "\">"
             << util::xml_escape(finding->location.str() + ": " + finding->message +
                                 "\nfix: " + policy->remediation + expired_note(*finding))
             << "</failure>\n";
      } else {
        ++suite_skipped;
        const std::string why = finding->state == FindingState::suppressed
                                    ? "suppressed: " + finding->suppression->reason
                                    : "baselined: recorded in the baseline";
        body << "      <skipped message=\"" << util::xml_escape(why) << "\"/>\n";
      }
      body << "    </testcase>\n";
    }
    tests += cases.size();
    failures += suite_failures;
    suites << "  <testsuite name=\"" << util::xml_escape(policy->id + " " + policy->name) << "\" tests=\""
           << cases.size() << "\" failures=\"" << suite_failures << "\" errors=\"0\" skipped=\""
           << suite_skipped << "\">\n"
           << body.str() << "  </testsuite>\n";
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"dharma guard\" tests=\"" << tests << "\" failures=\"" << failures
      << "\" errors=\"0\">\n"
      << suites.str() << "</testsuites>\n";
  return out.str();
}

}  // namespace dharma::policy
