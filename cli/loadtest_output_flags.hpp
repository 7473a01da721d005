#pragma once
// The output flags of every load-test command that ends with a report
// (`loadtest run|baseline|stress|spike|soak|merge|report`), declared once:
// --format text|json, --out FILE.html, --prometheus FILE, --store,
// --compare last|FILE, --fail-on-regression PERCENT, --tenant.

#include <CLI/CLI.hpp>

#include "dharma/api/loadtest_report_api.hpp"

namespace dharma::cli {

void add_loadtest_output_flags(CLI::App& command, api::LoadtestOutputOptions& options);

}  // namespace dharma::cli
