#pragma once
// The output formats of `dharma guard` (docs/guard.md, "Output"). Each turns
// a Report into one deterministic document: same inputs, same bytes.

#include <string>

#include "dharma/policy/report.hpp"

namespace dharma::policy {

enum class Format { text, json, sarif, junit, markdown };

// Findings grouped by resource with file:line:col, then a summary.
std::string format_text(const Report& report, bool color);
// One JSON document: summary, findings, inactive policies.
std::string format_json(const Report& report);
// SARIF 2.1.0 for GitHub code scanning: one rule per policy.
std::string format_sarif(const Report& report);
// JUnit XML: one test case per evaluated (policy, resource).
std::string format_junit(const Report& report);
// A pull-request comment.
std::string format_markdown(const Report& report);

std::string format_report(const Report& report, Format format, bool color);

}  // namespace dharma::policy
