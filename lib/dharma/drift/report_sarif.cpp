// SARIF 2.1.0 for code scanning: one rule per kind of drift (changed,
// missing, unmanaged), one result per drifted resource located at the line
// of the blueprint resource it renders (unmanaged resources, which no line
// declares, at the top of the blueprint), and a fingerprint from the address so an
// alert survives lines moving. Ignored findings are left out, as in the
// text report's list (the JSON report lists them).

#include <cctype>

#include "dharma/drift/reporters.hpp"
#include "dharma/sarif/log.hpp"

namespace dharma::drift {
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
      return sarif::Level::note;
  }
  return sarif::Level::warning;
}

struct RuleText {
  Status status;
  const char* id;
  const char* name;
  const char* text;
};

const RuleText k_rules[] = {
    {Status::changed, "drift/changed", "ChangedOutsideBlueprint",
     "An attribute of a running resource differs from what the blueprint renders."},
    {Status::missing, "drift/missing", "MissingResource",
     "A resource the blueprint declares is absent from the actual state."},
    {Status::unmanaged, "drift/unmanaged", "UnmanagedResource",
     "A resource in the actual state is not declared by the blueprint."},
};

// --recorded: " Changed outside IaC, drifted since 2026-11-30."
std::string context(const ResourceFinding& finding) {
  std::string text;
  if (!finding.verdict.empty()) {
    text += " " +
            std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(finding.verdict[0])))) +
            finding.verdict.substr(1);
    text += finding.drifted_since.empty() ? "." : ", drifted since " + finding.drifted_since + ".";
  } else if (!finding.drifted_since.empty()) {
    text += " Drifted since " + finding.drifted_since + ".";
  }
  return text;
}

std::string message(const ResourceFinding& finding) {
  if (finding.status == Status::missing) {
    return finding.address + " is declared but absent from the actual state." + context(finding);
  }
  if (finding.status == Status::unmanaged) {
    return finding.address + " is in the actual state but not in the blueprint." + context(finding);
  }
  std::string text = finding.address + " differs from the blueprint:";
  for (const auto& change : finding.changes) {
    text += " " + change.path + " is " + shown_value(change.actual, change.sensitive) +
            ", the blueprint says " + shown_value(change.desired, change.sensitive) + ";";
  }
  text.back() = '.';
  return text + context(finding);
}

}  // namespace

std::string format_sarif(const DriftReport& report) {
  Json rules = Json::array();
  for (const auto& rule : k_rules) {
    rules.push_back({{"id", rule.id},
                     {"name", rule.name},
                     {"shortDescription", {{"text", rule.text}}},
                     {"fullDescription", {{"text", rule.text}}},
                     {"help",
                      {{"text", std::string(rule.text) + " Apply the blueprint, change it to match, or "
                                                         "accept the drift in .dharmadriftignore."}}},
                     {"defaultConfiguration", {{"level", "warning"}}}});
  }

  sarif::Artifacts artifacts;
  Json results = Json::array();
  for (const auto& finding : report.resources) {
    if (!finding.drifted()) {
      continue;
    }
    std::size_t rule_index = 0;
    while (k_rules[rule_index].status != finding.status) {
      ++rule_index;
    }
    // A resource no blueprint line declares (unmanaged, or a provider's shared
    // resource) is placed at the top of the blueprint that should declare it.
    const bool located = finding.location.has_position();
    const std::string file = located ? finding.location.file : report.blueprint;
    Json result = sarif::result(
        k_rules[rule_index].id, rule_index, level(finding.severity), message(finding),
        sarif::location(file, artifacts.index(file), located ? finding.location.line : 1,
                        located ? finding.location.column : 1, finding.address, finding.address),
        "dharmaDriftFingerprint/v1", std::string(status_name(finding.status)) + ":" + finding.address);
    result["properties"] = {{"severity", severity_name(finding.severity)}, {"resourceType", finding.type}};
    results.push_back(std::move(result));
  }

  Json run = sarif::run(sarif::driver("drift", std::move(rules)), artifacts.take(), std::move(results));
  if (!report.costs.empty()) {
    Json costs = Json::array();
    for (const auto& cost : report.costs) {
      costs.push_back(cost_line(cost));
    }
    run["properties"] = {{"monthlyCostOfDrift", signed_money(report.cost_delta())},
                         {"currency", report.cost_currency},
                         {"costs", std::move(costs)}};
  }
  return sarif::log(std::move(run));
}

}  // namespace dharma::drift
