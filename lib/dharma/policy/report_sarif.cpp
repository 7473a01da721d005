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
#include <nlohmann/json.hpp>

#include "dharma/policy/reporters.hpp"
#include "dharma/util/text.hpp"
#include "dharma/util/uri.hpp"

namespace dharma::policy {

namespace {

using Json = nlohmann::ordered_json;

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::critical:
    case Severity::high:
      return "error";
    case Severity::medium:
      return "warning";
    case Severity::low:
    case Severity::info:
      return "note";
  }
  return "warning";
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
  rule["defaultConfiguration"] = {{"level", sarif_level(policy.severity)}};
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

// An artifactLocation for `file`, plus its index in run.artifacts when given.
Json artifact_location(const std::string& file) {
  Json location;
  location["uri"] = util::path_to_uri(file);
  if (!util::is_absolute_path(file)) {
    location["uriBaseId"] = "%SRCROOT%";
  }
  return location;
}

}  // namespace

std::string format_sarif(const Report& report) {
  Json driver;
  driver["name"] = "dharma-guard";
  driver["fullName"] = std::string("dharma guard ") + DHARMA_VERSION;
  driver["version"] = DHARMA_VERSION;
  driver["semanticVersion"] = DHARMA_VERSION;
  driver["informationUri"] = DHARMA_INFORMATION_URI;
  Json rules = Json::array();
  std::map<std::string, std::size_t> rule_index;
  for (const Policy* policy : report.policies) {
    rule_index[policy->id] = rules.size();
    rules.push_back(rule_json(*policy));
  }
  driver["rules"] = std::move(rules);

  Json artifacts = Json::array();
  std::map<std::string, std::size_t> artifact_index;
  for (const auto& file : report.files) {
    if (artifact_index.emplace(file, artifacts.size()).second) {
      artifacts.push_back(
          {{"location", artifact_location(file)}, {"roles", Json::array({"analysisTarget"})}});
    }
  }

  Json results = Json::array();
  for (const auto& finding : report.findings) {
    const Policy& policy = *finding.policy;
    Json result;
    result["ruleId"] = policy.id;
    result["ruleIndex"] = rule_index.at(policy.id);
    result["level"] = sarif_level(policy.severity);
    result["message"] = {{"text", with_period(finding.message)}};
    Json physical;
    physical["artifactLocation"] = artifact_location(finding.file);
    physical["artifactLocation"]["index"] = artifact_index.at(finding.file);
    if (finding.location.has_position()) {
      physical["region"] = {{"startLine", finding.location.line}, {"startColumn", finding.location.column}};
    }
    Json location;
    location["physicalLocation"] = std::move(physical);
    location["logicalLocations"] =
        Json::array({{{"name", finding.resource},
                      {"fullyQualifiedName", finding.blueprint + "." + finding.resource},
                      {"kind", "resource"}}});
    result["locations"] = Json::array({std::move(location)});
    result["partialFingerprints"] = {{"dharmaGuardFingerprint/v1", finding.fingerprint}};
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

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["artifacts"] = std::move(artifacts);
  run["results"] = std::move(results);
  run["columnKind"] = "unicodeCodePoints";
  Json document;
  document["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  document["version"] = "2.1.0";
  document["runs"] = Json::array({std::move(run)});
  return document.dump(2) + "\n";
}

}  // namespace dharma::policy
