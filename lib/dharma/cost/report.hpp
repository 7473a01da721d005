#pragma once
// Renders estimates and diffs as table (terminal), json, markdown (a
// pull-request comment) or html (one self-contained page). Output is
// deterministic: same estimate, same bytes.

#include <optional>
#include <string>

#include "dharma/cost/diff.hpp"
#include "dharma/cost/estimate.hpp"

namespace dharma::cost {

enum class ReportFormat { table, json, markdown, html };
std::optional<ReportFormat> parse_report_format(const std::string& name);

struct ReportOptions {
  bool recommendations = false;  // include the recommendations section
};

std::string render_estimate(const Estimate& estimate, ReportFormat format, const ReportOptions& options = {});
std::string render_diff(const CostDiff& diff, ReportFormat format);

// Shared by the renderers.
namespace report_detail {
std::string table_estimate(const Estimate& estimate, const ReportOptions& options);
std::string json_estimate(const Estimate& estimate, const ReportOptions& options);
std::string markdown_estimate(const Estimate& estimate, const ReportOptions& options);
std::string html_estimate(const Estimate& estimate, const ReportOptions& options);
std::string table_diff(const CostDiff& diff);
std::string json_diff(const CostDiff& diff);
std::string markdown_diff(const CostDiff& diff);
std::string html_diff(const CostDiff& diff);

// `6`, `180 GB`, or `-` for lines without a quantity.
std::string quantity_text(const CostLine& line);
// `$0.0416/h` or `-`.
std::string unit_price_text(const CostLine& line);
// `free: ...`, `not priced: ...`, the usage note, or empty.
std::string note_text(const CostLine& line);
// `prod`, or `default` when no --env was given.
std::string heading(const Estimate& estimate);
// `+$12.00` / `-$3.50` / `$0.00`.
std::string signed_money(double amount);
// `+12.5%`, or `n/a` without an old total.
std::string percent_text(const CostDiff& diff);
// `t3.medium -> m5.large, count 2 -> 3` for a changed resource; the SKU otherwise.
std::string change_detail(const ResourceDelta& delta);
// The closing lines every format shares: counts of unpriced/usage lines, budget.
std::vector<std::string> summary_notes(const Estimate& estimate);
}  // namespace report_detail

}  // namespace dharma::cost
