// SARIF 2.1.0 as GitHub code scanning reads it: one `rule` per policy that
// ran (id, name, help, default level and a `security-severity` so GitHub
// ranks alerts), one `result` per finding with the blueprint file as a
// physical location, a logical location naming the resource, and a
// `partialFingerprints` entry so alerts survive lines moving. Suppressed
// findings carry an in-source suppression with its justification; with a
// baseline, results say whether they are new or unchanged. A blueprint named
// by a relative path is a relative URI reference against %SRCROOT% (where
// the scan ran, which code scanning takes as the repository root); one named
// by an absolute path is a file:// URI with no base.

#include <map>

#include "dharma/policy/reporters.hpp"
#include "dharma/sarif/log.hpp"
#include "dharma/util/text.hpp"

namespace dharma::policy {

namespace {

using Json = sarif::Json;

sarif::Level level(Severity severity) {
  switch (severity) {
    case Severity::critical:
    case Severity::high:
      return sarif::Level::error;
    case Severity::medium:
      return sarif::Level::warning;
    case Severity::low:
    case Severity::info:
      return sarif::Level::note;
  }
  return sarif::Level::warning;
}

// GitHub maps security-severity to critical (>= 9), high (>= 7), medium (>= 4), low.
const char* security_severity(Severity severity) {
  switch (severity) {
    case Severity::critical:
      return "9.5";
    case Severity::high:
      return "8.0";
    case Severity::medium:
      return "5.5";
    case Severity::low:
      return "3.0";
    case Severity::info:
      return "1.0";
  }
  return "5.5";
}

// `Encryption at rest` -> `EncryptionAtRest`.
std::string pascal_case(const std::string& text) {
  std::string out;
  bool upper = true;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  return out;
}

std::string with_period(const std::string& text) {
  return !text.empty() && (text.back() == '.' || text.back() == '!' || text.back() == '?') ? text
                                                                                           : text + ".";
}

Json rule_json(const Policy& policy) {
  Json rule;
  rule["id"] = policy.id;
  rule["name"] = pascal_case(policy.name);
  rule["shortDescription"] = {{"text", with_period(policy.name)}};
  rule["fullDescription"] = {{"text", with_period(policy.description)}};
  std::string help = with_period(policy.description) + " Remediation: " + with_period(policy.remediation);
  std::string markdown = "**" + policy.name + "**\n\n" + with_period(policy.description) +
                         "\n\n**Remediation:** " + with_period(policy.remediation);
  if (!policy.references.empty()) {
    help += " References: " + util::join(policy.references, "; ") + ".";
    markdown += "\n\n**References:** " + util::join(policy.references, "; ");
  }
  rule["help"] = {{"text", help}, {"markdown", markdown}};
  rule["defaultConfiguration"] = {{"level", sarif::level_name(level(policy.severity))}};
  rule["properties"] = {{"tags", Json::array({category_name(policy.category), "iac"})},
                        {"precision", "very-high"},
                        {"problem.severity", policy.severity == Severity::info           ? "recommendation"
                                             : at_least(policy.severity, Severity::high) ? "error"
                                                                                         : "warning"},
                        {"security-severity", security_severity(policy.severity)},
                        {"severity", severity_name(policy.severity)},
                        {"enforcement", enforcement_name(policy.enforcement)}};
  return rule;
}

}  // namespace

std::string format_sarif(const Report& report) {
  Json rules = Json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const Policy* policy : report.policies) {
    rule_index[policy->id] = rules.size();
    rules.push_back(rule_json(*policy));
  }

  sarif::Artifacts artifacts;
  for (const auto& file : report.files) {
    artifacts.index(file);
  }

  Json results = Json::array();
  for (const auto& finding : report.findings) {
    const Policy& policy = *finding.policy;
    Json result = sarif::result(policy.id, rule_index.at(policy.id), level(policy.severity),
                                with_period(finding.message),
                                sarif::location(finding.file, artifacts.index(finding.file),
                                                finding.location.line, finding.location.column,
                                                finding.resource, finding.blueprint + "." + finding.resource),
                                "dharmaGuardFingerprint/v1", finding.fingerprint);
    if (finding.state == FindingState::suppressed) {
      result["suppressions"] = Json::array(
          {{{"kind", "inSource"}, {"status", "accepted"}, {"justification", finding.suppression->reason}}});
    }
    if (report.baseline_used) {
      result["baselineState"] = finding.state == FindingState::baselined ? "unchanged" : "new";
    }
    result["properties"] = {{"resourceType", finding.resource_type},
                            {"path", finding.path},
                            {"state", finding_state_name(finding.state)}};
    if (finding.suppression && finding.suppression->expired) {
      result["properties"]["expiredSuppression"] = {{"reason", finding.suppression->reason},
                                                    {"expires", finding.suppression->expires}};
    }
    results.push_back(std::move(result));
  }

  return sarif::log(
      sarif::run(sarif::driver("guard", std::move(rules)), artifacts.take(), std::move(results)));
}

}  // namespace dharma::policy
