#include "dharma/cost/report.hpp"

#include <cmath>

#include "dharma/util/number_text.hpp"

namespace dharma::cost {

std::optional<ReportFormat> parse_report_format(const std::string& name) {
  if (name == "table" || name == "text") {
    return ReportFormat::table;
  }
  if (name == "json") {
    return ReportFormat::json;
  }
  if (name == "markdown" || name == "md") {
    return ReportFormat::markdown;
  }
  if (name == "html") {
    return ReportFormat::html;
  }
  return std::nullopt;
}

std::string render_estimate(const Estimate& estimate, ReportFormat format, const ReportOptions& options) {
  switch (format) {
    case ReportFormat::table:
      return report_detail::table_estimate(estimate, options);
    case ReportFormat::json:
      return report_detail::json_estimate(estimate, options);
    case ReportFormat::markdown:
      return report_detail::markdown_estimate(estimate, options);
    case ReportFormat::html:
      return report_detail::html_estimate(estimate, options);
  }
  return "";
}

std::string render_diff(const CostDiff& diff, ReportFormat format) {
  switch (format) {
    case ReportFormat::table:
      return report_detail::table_diff(diff);
    case ReportFormat::json:
      return report_detail::json_diff(diff);
    case ReportFormat::markdown:
      return report_detail::markdown_diff(diff);
    case ReportFormat::html:
      return report_detail::html_diff(diff);
  }
  return "";
}

namespace report_detail {

std::string quantity_text(const CostLine& line) {
  if (line.status == LineStatus::free || line.status == LineStatus::not_priced ||
      line.status == LineStatus::usage_unset) {
    return "-";
  }
  return format_quantity(line.unit, line.quantity);
}

std::string unit_price_text(const CostLine& line) {
  if (line.status == LineStatus::free || (line.status == LineStatus::not_priced && line.unit_price == 0)) {
    return "-";
  }
  return format_unit_price(line.unit_price) + price_unit_suffix(line.unit);
}

std::string note_text(const CostLine& line) {
  switch (line.status) {
    case LineStatus::free:
      return "free: " + line.note;
    case LineStatus::not_priced:
      return "not priced: " + line.note;
    case LineStatus::usage:
      return "from the usage file";
    default:
      return line.note;
  }
}

std::string heading(const Estimate& estimate) {
  std::string text = estimate.blueprint.empty() ? estimate.file : estimate.blueprint;
  text += " (" + estimate.provider + (estimate.region.empty() ? "" : " " + estimate.region) +
          ", environment " + (estimate.environment.empty() ? "default" : estimate.environment) + ")";
  return text;
}

std::string signed_money(double amount) {
  const double rounded = round_to(amount, 2);
  if (rounded == 0) {
    return "$0.00";
  }
  return (rounded > 0 ? "+" : "") + format_money(rounded);
}

std::string percent_text(const CostDiff& diff) {
  const auto percent = diff.percent();
  if (!percent) {
    return "n/a";
  }
  const double rounded = round_to(*percent, 1);
  return (rounded > 0 ? "+" : "") + util::fixed_text(rounded == 0 ? 0.0 : rounded, 1) + "%";
}

std::string change_detail(const ResourceDelta& delta) {
  if (delta.kind != ChangeKind::changed) {
    return delta.kind == ChangeKind::removed ? delta.old_sku : delta.new_sku;
  }
  std::string detail;
  if (delta.old_sku != delta.new_sku) {
    detail = delta.old_sku + " -> " + delta.new_sku;
  }
  if (delta.old_count != delta.new_count) {
    detail += (detail.empty() ? "" : ", ") + std::string("count ") + std::to_string(delta.old_count) +
              " -> " + std::to_string(delta.new_count);
  }
  return detail;
}

std::vector<std::string> summary_notes(const Estimate& estimate) {
  std::vector<std::string> notes;
  if (estimate.not_priced > 0) {
    notes.push_back(std::to_string(estimate.not_priced) + (estimate.not_priced == 1 ? " line" : " lines") +
                    " not priced (see the notes): the total leaves them out");
  }
  if (estimate.usage_unset > 0) {
    notes.push_back(std::to_string(estimate.usage_unset) + " usage-based" +
                    (estimate.usage_unset == 1 ? " line" : " lines") +
                    " at $0.00: pass --usage FILE with their quantities");
  }
  if (estimate.budget) {
    const double left = estimate.budget->monthly - estimate.monthly;
    notes.push_back(
        "budget " + format_money(estimate.budget->monthly) + "/month (" + estimate.budget->source + "): " +
        (estimate.over_budget() ? "EXCEEDED by " + format_money(-left) : format_money(left) + " left"));
  }
  return notes;
}

}  // namespace report_detail
}  // namespace dharma::cost
