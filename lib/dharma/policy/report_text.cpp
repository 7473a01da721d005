#include <sstream>
#include <string_view>

#include "dharma/policy/reporters.hpp"
#include "dharma/util/printable.hpp"
#include "dharma/util/text.hpp"

namespace dharma::policy {

namespace {

const char* severity_color(Severity severity) {
  switch (severity) {
    case Severity::critical:
      return "\033[1;31m";
    case Severity::high:
      return "\033[31m";
    case Severity::medium:
      return "\033[33m";
    case Severity::low:
      return "\033[36m";
    case Severity::info:
      return "\033[2m";
  }
  return "";
}

std::string suppression_note(const Suppression& suppression) {
  std::string text = "reason: " + suppression.reason;
  if (!suppression.expires.empty()) {
    text += suppression.expired ? " (EXPIRED on " + suppression.expires + ", no longer suppressing)"
                                : " (until " + suppression.expires + ")";
  }
  return text;
}

}  // namespace

// Text from blueprints and policies is escaped here (util::printable), not
// only by the terminal stream: with colour on, that stream lets colour codes through.
std::string format_text(const Report& report, bool color) {
  using util::printable;
  std::ostringstream out;
  auto paint = [&](const char* code, const std::string& text) {
    return color ? std::string(code) + text + "\033[0m" : text;
  };
  // The findings, the bulk of the report, are appended to one string (no
  // stream, no temporary escaped copies); the summary below is short.
  std::string body;
  // About 280 bytes a finding in practice; room reserved but never written
  // costs no memory, a string that outgrows its room is copied whole.
  body.reserve(4096 + report.findings.size() * 512);
  auto paint_into = [&](const char* code, std::string_view text) {
    if (color) {
      body += code;
    }
    body += text;
    if (color) {
      body += "\033[0m";
    }
  };
  const Finding* previous = nullptr;
  for (const auto& finding : report.findings) {
    if (previous == nullptr || previous->file != finding.file || previous->resource != finding.resource) {
      if (previous != nullptr) {
        body += '\n';
      }
      paint_into("\033[1m", printable(finding.resource));
      body += " (";
      util::append_printable(body, finding.resource_type);
      body += ") in ";
      util::append_printable(body, finding.file);
      body += '\n';
    }
    previous = &finding;
    const Policy& policy = *finding.policy;
    std::string label = util::to_upper(severity_name(policy.severity));
    if (finding.state == FindingState::suppressed) {
      label = "SUPPRESSED";
    } else if (finding.state == FindingState::baselined) {
      label = "BASELINED " + label;
    }
    body += "  ";
    util::append_printable(body, finding.location.str());
    body += ": ";
    paint_into(finding.state == FindingState::open ? severity_color(policy.severity) : "\033[2m", label);
    body += ' ';
    util::append_printable(body, policy.id);
    body += " [";
    body += enforcement_name(policy.enforcement);
    body += "] ";
    util::append_printable(body, finding.message);
    body += '\n';
    if (finding.state == FindingState::open) {
      body += "      fix: ";
      util::append_printable(body, policy.remediation);
      body += '\n';
    }
    if (finding.suppression) {
      body += "      skip: ";
      util::append_printable(body, suppression_note(*finding.suppression));
      body += '\n';
    }
  }
  if (previous != nullptr) {
    body += '\n';
  }
  for (const auto& inactive : report.inactive) {
    out << "note: " << inactive.policy->id << " did not run: set "
        << util::join(inactive.missing_parameters, ", ") << " under guard.policies." << inactive.policy->id
        << ".parameters in dharma.yaml\n";
  }
  const auto open = report.open_by_severity();
  std::size_t open_total = 0;
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < open.size(); ++i) {
    open_total += open[i];
    parts.push_back(std::to_string(open[i]) + " " + severity_name(static_cast<Severity>(i)));
  }
  out << "Checked " << report.resource_count << " resource" << (report.resource_count == 1 ? "" : "s")
      << " against " << report.policies.size() << " polic" << (report.policies.size() == 1 ? "y" : "ies")
      << ": " << open_total << " open finding" << (open_total == 1 ? "" : "s") << " ("
      << util::join(parts, ", ") << "), " << report.count(FindingState::suppressed) << " suppressed";
  if (report.baseline_used) {
    out << ", " << report.count(FindingState::baselined) << " baselined";
  }
  if (report.expired_suppressions() > 0) {
    out << ", " << report.expired_suppressions() << " expired suppression"
        << (report.expired_suppressions() == 1 ? "" : "s");
  }
  out << '\n';
  out << "Compliance score: " << report.score() << "/100\n";
  out << "Result: "
      << (report.failed_run() ? paint("\033[1;31m", "FAIL") + " (" + report.threshold_text() + ")"
                              : paint("\033[1;32m", "PASS"))
      << '\n';
  body += out.str();
  return body;
}

}  // namespace dharma::policy
