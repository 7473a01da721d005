#include <nlohmann/json.hpp>

#include "dharma/policy/reporters.hpp"

namespace dharma::policy {

namespace {

nlohmann::ordered_json location_json(const util::SourceLocation& location) {
  return {{"file", location.file}, {"line", location.line}, {"column", location.column}};
}

}  // namespace

std::string format_json(const Report& report) {
  using Json = nlohmann::ordered_json;
  Json document;
  document["format"] = "dharma-guard-report/v1";
  document["files"] = report.files;
  document["blueprints"] = report.blueprints;
  Json summary;
  summary["resources"] = report.resource_count;
  summary["policies"] = report.policies.size();
  const auto open = report.open_by_severity();
  Json by_severity = Json::object();
  for (std::size_t i = 0; i < open.size(); ++i) {
    by_severity[severity_name(static_cast<Severity>(i))] = open[i];
  }
  summary["open"] = by_severity;
  summary["suppressed"] = report.count(FindingState::suppressed);
  summary["baselined"] = report.count(FindingState::baselined);
  summary["expired_suppressions"] = report.expired_suppressions();
  summary["score"] = report.score();
  summary["threshold"] = report.threshold_text();
  summary["result"] = report.failed_run() ? "fail" : "pass";
  document["summary"] = summary;
  Json findings = Json::array();
  for (const auto& finding : report.findings) {
    const Policy& policy = *finding.policy;
    Json item;
    item["policy"] = policy.id;
    item["name"] = policy.name;
    item["severity"] = severity_name(policy.severity);
    item["category"] = category_name(policy.category);
    item["enforcement"] = enforcement_name(policy.enforcement);
    item["state"] = finding_state_name(finding.state);
    item["fails"] = report.fails(finding);
    item["blueprint"] = finding.blueprint;
    item["resource"] = finding.resource;
    item["type"] = finding.resource_type;
    item["location"] = location_json(finding.location);
    item["path"] = finding.path;
    item["message"] = finding.message;
    item["remediation"] = policy.remediation;
    item["fingerprint"] = finding.fingerprint;
    if (finding.suppression) {
      item["suppression"] = {{"reason", finding.suppression->reason},
                             {"expires", finding.suppression->expires},
                             {"expired", finding.suppression->expired},
                             {"location", location_json(finding.suppression->location)}};
    }
    findings.push_back(std::move(item));
  }
  document["findings"] = std::move(findings);
  Json inactive = Json::array();
  for (const auto& entry : report.inactive) {
    inactive.push_back({{"policy", entry.policy->id}, {"missing_parameters", entry.missing_parameters}});
  }
  document["inactive_policies"] = std::move(inactive);
  document["disabled_policies"] = report.disabled;
  return document.dump(2) + "\n";
}

}  // namespace dharma::policy
