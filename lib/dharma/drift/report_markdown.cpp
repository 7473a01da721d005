#include <fmt/format.h>

#include "dharma/drift/reporters.hpp"
#include "dharma/util/text.hpp"

namespace dharma::drift {
namespace {

// Table cells: a pipe or a newline would break the row.
std::string cell(const std::string& text) {
  return util::replace_all(util::replace_all(util::replace_all(text, "\\", "\\\\"), "|", "\\|"), "\n", " ");
}

std::string code(const std::string& text) {
  return "`" + util::replace_all(cell(text), "`", "'") + "`";
}

}  // namespace

std::string format_markdown(const DriftReport& report) {
  std::string text = fmt::format("### dharma drift: {}\n\n", report.has_drift() ? "drift found" : "in sync");
  text += fmt::format("`{}`{} against {}: {}.\n", cell(report.blueprint),
                      report.environment.empty() ? "" : " (env " + cell(report.environment) + ")",
                      cell(util::join(report.sources, ", ")), summary_line(report));
  if (!report.recorded.empty()) {
    text += "\n" + cell(report.recorded) + ".\n";
  }
  if (report.has_drift()) {
    text += "\n| Resource | Status | Severity | What differs (desired → actual) |\n|---|---|---|---|\n";
    for (const auto& finding : report.resources) {
      if (!finding.drifted()) {
        continue;
      }
      std::vector<std::string> details;
      for (const auto& change : finding.changes) {
        details.push_back(code(change.path) + ": " + code(shown_value(change.desired, change.sensitive)) +
                          " → " + code(shown_value(change.actual, change.sensitive)));
      }
      std::string status = status_name(finding.status);
      if (!finding.verdict.empty()) {
        status += ", " + finding.verdict;
      }
      if (!finding.drifted_since.empty()) {
        status += ", since " + finding.drifted_since;
      }
      text += fmt::format("| {} | {} | {} | {} |\n", code(finding.address), cell(status),
                          severity_name(finding.severity), util::join(details, "<br>"));
    }
  }
  if (!report.ignored.empty()) {
    text += "\nIgnored:\n\n";
    for (const auto& ignored : report.ignored) {
      text += fmt::format("* {}{}: {}\n", code(ignored.address),
                          ignored.path.empty() ? "" : " " + code(ignored.path), cell(ignored.reason));
    }
  }
  if (!report.costs.empty()) {
    text += fmt::format("\nMonthly cost of the drift: **{}** ({}).\n\n", signed_money(report.cost_delta()),
                        cell(report.cost_currency));
    for (const auto& cost : report.costs) {
      text += "* " + cell(cost_line(cost)) + "\n";
    }
  }
  for (const auto& note : report.notes) {
    text += "\n> " + cell(note) + "\n";
  }
  return text;
}

}  // namespace dharma::drift
