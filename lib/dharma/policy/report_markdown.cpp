// A pull-request comment: the verdict and score first, a table of open
// findings, then suppressed and baselined ones folded away.

#include <algorithm>
#include <sstream>

#include "dharma/policy/reporters.hpp"
#include "dharma/util/text.hpp"

namespace dharma::policy {

namespace {

// Markdown table cells cannot hold `|` or newlines.
std::string cell(const std::string& text) {
  return util::replace_all(util::replace_all(text, "|", "\\|"), "\n", " ");
}

void finding_table(std::ostringstream& out, const std::vector<const Finding*>& findings, bool with_fix) {
  out << "| Severity | Policy | Resource | Location | Message |" << (with_fix ? " Fix |" : "") << "\n";
  out << "|---|---|---|---|---|" << (with_fix ? "---|" : "") << "\n";
  for (const Finding* finding : findings) {
    const Policy& policy = *finding->policy;
    out << "| " << severity_name(policy.severity) << " | `" << policy.id << "` " << cell(policy.name)
        << " | `" << finding->resource << "` | `" << finding->location.str() << "` | "
        << cell(finding->message);
    if (finding->suppression && finding->suppression->expired) {
      out << " (suppression expired " << finding->suppression->expires << ")";
    }
    out << " |";
    if (with_fix) {
      out << ' ' << cell(policy.remediation) << " |";
    }
    out << '\n';
  }
}

}  // namespace

std::string format_markdown(const Report& report) {
  std::vector<const Finding*> open;
  std::vector<const Finding*> others;
  for (const auto& finding : report.findings) {
    (finding.state == FindingState::open ? open : others).push_back(&finding);
  }
  // Most severe first; file and resource order within a severity.
  std::stable_sort(open.begin(), open.end(), [](const Finding* a, const Finding* b) {
    return static_cast<int>(a->policy->severity) < static_cast<int>(b->policy->severity);
  });
  std::ostringstream out;
  const bool failed = report.failed_run();
  out << "### dharma guard: " << (failed ? "❌ fail" : "✅ pass") << " — compliance score " << report.score()
      << "/100\n\n";
  out << "Checked " << report.resource_count << " resources in " << util::join(report.files, ", ")
      << " against " << report.policies.size() << " policies.\n\n";
  out << "| critical | high | medium | low | info | suppressed |"
      << (report.baseline_used ? " baselined |" : "") << "\n|---|---|---|---|---|---|"
      << (report.baseline_used ? "---|" : "") << "\n|";
  for (auto n : report.open_by_severity()) {
    out << ' ' << n << " |";
  }
  out << ' ' << report.count(FindingState::suppressed) << " |";
  if (report.baseline_used) {
    out << ' ' << report.count(FindingState::baselined) << " |";
  }
  out << "\n\n";
  if (open.empty()) {
    out << "No open findings.\n";
  } else {
    finding_table(out, open, true);
  }
  if (!others.empty()) {
    out << "\n<details><summary>" << others.size() << " suppressed or baselined</summary>\n\n";
    finding_table(out, others, false);
    out << "\n</details>\n";
  }
  if (report.expired_suppressions() > 0) {
    out << "\n> ⚠️ " << report.expired_suppressions()
        << " suppression(s) have expired and no longer suppress their findings.\n";
  }
  if (failed) {
    out << "\nFails on " << report.threshold_text() << ".\n";
  }
  return out.str();
}

std::string format_report(const Report& report, Format format, bool color) {
  switch (format) {
    case Format::text:
      return format_text(report, color);
    case Format::json:
      return format_json(report);
    case Format::sarif:
      return format_sarif(report);
    case Format::junit:
      return format_junit(report);
    case Format::markdown:
      return format_markdown(report);
  }
  return format_text(report, color);
}

}  // namespace dharma::policy
