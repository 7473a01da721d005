#pragma once
// A DriftReport as text (for a person), JSON (one document), SARIF 2.1.0
// (code scanning; findings at the blueprint line of their resource) and
// Markdown (a pull-request comment). Each returns the whole document.

#include <string>

#include "dharma/drift/findings.hpp"

namespace dharma::drift {

std::string format_text(const DriftReport& report);
std::string format_json(const DriftReport& report);
std::string format_sarif(const DriftReport& report);
std::string format_markdown(const DriftReport& report);

// A value as one line: compact JSON; "(absent)" for null, "(sensitive)" when hidden.
std::string shown_value(const nlohmann::json& value, bool sensitive);
// "+$45.57" or "-$3.00": a monthly difference with its sign.
std::string signed_money(double amount);
// "web (size: t3.small -> t3.large): $15.18 -> $60.74 a month, +$45.57".
std::string cost_line(const DriftCost& cost);
// "2 changed, 1 missing, 0 unmanaged; 40 in sync; 1 ignored".
std::string summary_line(const DriftReport& report);

}  // namespace dharma::drift
