#include <fmt/format.h>

#include "dharma/cost/money.hpp"
#include "dharma/drift/reporters.hpp"
#include "dharma/util/text.hpp"

namespace dharma::drift {

std::string shown_value(const nlohmann::json& value, bool sensitive) {
  if (sensitive) {
    return "(sensitive)";
  }
  if (value.is_null()) {
    return "(absent)";
  }
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string signed_money(double amount) {
  const double rounded = cost::round_to(amount, 2);
  return (rounded < 0 ? "-" : "+") + cost::format_money(rounded < 0 ? -rounded : rounded);
}

std::string cost_line(const DriftCost& cost) {
  return fmt::format("{} ({}): {} -> {} a month, {}", cost.blueprint_resource,
                     util::join(cost.properties, ", "), cost::format_money(cost.desired_monthly),
                     cost::format_money(cost.actual_monthly), signed_money(cost.delta()));
}

std::string summary_line(const DriftReport& report) {
  return fmt::format("{} changed, {} missing, {} unmanaged; {} in sync; {} ignored",
                     report.count(Status::changed), report.count(Status::missing),
                     report.count(Status::unmanaged), report.count(Status::in_sync), report.ignored.size());
}

std::string format_text(const DriftReport& report) {
  std::string text;
  for (const auto& finding : report.resources) {
    if (!finding.drifted()) {
      continue;
    }
    std::string where;
    if (finding.location.has_position()) {
      where = fmt::format("  {}:{} (resource {})", finding.location.file, finding.location.line,
                          finding.blueprint_resource);
    } else if (!finding.source.empty()) {
      where = "  " + finding.source;
    }
    text +=
        fmt::format("{:<10} {}  [{}]{}{}{}{}\n", status_name(finding.status), finding.address,
                    severity_name(finding.severity), finding.tainted ? "  (tainted)" : "",
                    finding.verdict.empty() ? "" : "  " + finding.verdict,
                    finding.drifted_since.empty() ? "" : "  drifted since " + finding.drifted_since, where);
    for (const auto& change : finding.changes) {
      text += fmt::format("             {}: {} -> {}  [{}]\n", change.path,
                          shown_value(change.desired, change.sensitive),
                          shown_value(change.actual, change.sensitive), severity_name(change.severity));
    }
  }
  for (const auto& ignored : report.ignored) {
    text += fmt::format("ignored    {}{}  ({}:{}: {})\n", ignored.address,
                        ignored.path.empty() ? "" : " " + ignored.path, ignored.entry.file,
                        ignored.entry.line, ignored.reason);
  }
  for (const auto& note : report.notes) {
    text += "note: " + note + "\n";
  }
  for (const auto& cost : report.costs) {
    text += "cost: " + cost_line(cost) + "\n";
  }
  if (!report.costs.empty()) {
    text += fmt::format("cost: the drift costs {} a month ({}) against the blueprint\n",
                        signed_money(report.cost_delta()), report.cost_currency);
  }
  if (!report.recorded.empty()) {
    text += "recorded: " + report.recorded + "\n";
  }
  text +=
      fmt::format("drift: {}: {}\n", report.has_drift() ? "drift found" : "in sync", summary_line(report));
  return text;
}

}  // namespace dharma::drift
