#include "dharma/cost/money.hpp"
#include "dharma/drift/reporters.hpp"

namespace dharma::drift {

namespace {

using Json = nlohmann::ordered_json;

Json location_json(const util::SourceLocation& location) {
  if (!location.has_position()) {
    return nullptr;
  }
  return {{"file", location.file}, {"line", location.line}, {"column", location.column}};
}

}  // namespace

std::string format_json(const DriftReport& report) {
  Json document;
  document["blueprint"] = report.blueprint;
  document["environment"] = report.environment.empty() ? Json() : Json(report.environment);
  document["sources"] = report.sources;
  document["in_sync"] = !report.has_drift();
  if (!report.recorded.empty()) {
    document["recorded"] = report.recorded;
  }
  document["summary"] = {{"resources", report.total()},
                         {"in_sync", report.count(Status::in_sync)},
                         {"changed", report.count(Status::changed)},
                         {"missing", report.count(Status::missing)},
                         {"unmanaged", report.count(Status::unmanaged)},
                         {"ignored", report.ignored.size()},
                         {"data_sources", report.data_sources}};
  Json findings = Json::array();
  for (const auto& finding : report.resources) {
    if (!finding.drifted()) {
      continue;
    }
    Json item;
    item["address"] = finding.address;
    item["type"] = finding.type;
    item["status"] = status_name(finding.status);
    item["severity"] = severity_name(finding.severity);
    item["blueprint_resource"] =
        finding.blueprint_resource.empty() ? Json() : Json(finding.blueprint_resource);
    item["location"] = location_json(finding.location);
    item["source"] = finding.source.empty() ? Json() : Json(finding.source);
    item["tainted"] = finding.tainted;
    if (!report.recorded.empty()) {
      item["verdict"] = finding.verdict.empty() ? Json() : Json(finding.verdict);
      item["drifted_since"] = finding.drifted_since.empty() ? Json() : Json(finding.drifted_since);
    }
    Json changes = Json::array();
    for (const auto& change : finding.changes) {
      changes.push_back({{"path", change.path},
                         {"desired", change.sensitive ? Json("(sensitive)") : Json(change.desired)},
                         {"actual", change.sensitive ? Json("(sensitive)") : Json(change.actual)},
                         {"severity", severity_name(change.severity)}});
    }
    item["changes"] = std::move(changes);
    findings.push_back(std::move(item));
  }
  document["findings"] = std::move(findings);
  Json ignored = Json::array();
  for (const auto& entry : report.ignored) {
    ignored.push_back({{"address", entry.address},
                       {"path", entry.path.empty() ? Json() : Json(entry.path)},
                       {"status", status_name(entry.status)},
                       {"reason", entry.reason},
                       {"entry", location_json(entry.entry)}});
  }
  document["ignored"] = std::move(ignored);
  document["notes"] = report.notes;
  if (!report.costs.empty()) {
    Json resources = Json::array();
    for (const auto& cost : report.costs) {
      resources.push_back({{"blueprint_resource", cost.blueprint_resource},
                           {"properties", cost.properties},
                           {"desired_monthly", cost::round_to(cost.desired_monthly, 2)},
                           {"actual_monthly", cost::round_to(cost.actual_monthly, 2)},
                           {"monthly_delta", cost::round_to(cost.delta(), 2)}});
    }
    document["cost"] = {{"currency", report.cost_currency},
                        {"monthly_delta", cost::round_to(report.cost_delta(), 2)},
                        {"resources", std::move(resources)}};
  }
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace dharma::drift
