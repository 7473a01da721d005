// The markdown format, written to be posted as a pull-request comment: a
// headline with the total (or the delta), then the breakdown in tables.

#include "dharma/cost/price_catalog.hpp"
#include "dharma/cost/report.hpp"
#include "dharma/util/text.hpp"

namespace dharma::cost::report_detail {
namespace {

// Pipes and newlines would break a table row.
std::string cell(const std::string& text) {
  return util::replace_all(util::replace_all(text, "|", "\\|"), "\n", " ");
}

}  // namespace

std::string markdown_estimate(const Estimate& estimate, const ReportOptions& options) {
  std::string out = "### Cost estimate: " + cell(heading(estimate)) + "\n\n";
  out += "**" + format_money(estimate.monthly) + "/month** (" + format_money(estimate.hourly(), 4) +
         "/hour, " + format_money(estimate.yearly()) + "/year)\n\n";
  out += "| Resource | Type | Component | SKU | Quantity | Unit price | Monthly | Note |\n";
  out += "|---|---|---|---|--:|--:|--:|---|\n";
  for (const auto& resource : estimate.resources) {
    for (const auto& line : resource.lines) {
      out += "| " + cell(resource.name) + " | " + cell(resource.type) + " | " + cell(line.component) + " | " +
             cell(line.sku.empty() ? "-" : line.sku) + " | " + cell(quantity_text(line)) + " | " +
             cell(unit_price_text(line)) + " | " + format_money(line.monthly) + " | " +
             cell(note_text(line)) + " |\n";
    }
  }
  out += "\n| Category | Monthly |\n|---|--:|\n";
  for (const auto& category : categories()) {
    out += "| " + category + " | " + format_money(estimate.subtotals.at(category)) + " |\n";
  }
  const auto notes = summary_notes(estimate);
  if (!notes.empty()) {
    out += "\n";
    for (const auto& note : notes) {
      out += "- " + cell(note) + "\n";
    }
  }
  if (options.recommendations) {
    out += "\n#### Recommendations (" + format_money(estimate.recommended_saving()) + "/month)\n\n";
    out += "| Resource | Kind | Saving/month | Action | Assumption |\n|---|---|--:|---|---|\n";
    for (const auto& r : estimate.recommendations) {
      out += "| " + cell(r.resource) + " | " + r.kind + " | " + (r.counted ? "" : "(") +
             format_money(r.monthly_saving) + (r.counted ? "" : ")") + " | " + cell(r.action) + " | " +
             cell(r.assumption) + " |\n";
    }
  }
  if (!estimate.price_source.empty()) {
    out += "\n<sub>Prices: " + cell(estimate.price_source) + ", as of " + estimate.price_date + ", " +
           estimate.currency + ". Estimated by dharma.</sub>\n";
  }
  return out;
}

std::string markdown_diff(const CostDiff& diff) {
  std::string out = "### Cost diff: " + cell(diff.old_label) + " → " + cell(diff.new_label) + "\n\n";
  out += "Monthly cost **" + format_money(diff.old_monthly) + " → " + format_money(diff.new_monthly) +
         "** (" + signed_money(diff.delta()) + ", " + percent_text(diff) + ")\n\n";
  if (!diff.has_changes()) {
    out += "No resource changes cost.\n";
  } else {
    out += "| Resource | Type | Change | Before | After | Delta | Detail |\n|---|---|---|--:|--:|--:|---|\n";
    for (const auto& r : diff.resources) {
      if (r.kind == ChangeKind::unchanged) {
        continue;
      }
      out += "| " + cell(r.name) + " | " + cell(r.type) + " | " + change_kind_name(r.kind) + " | " +
             (r.kind == ChangeKind::added ? "-" : format_money(r.old_monthly)) + " | " +
             (r.kind == ChangeKind::removed ? "-" : format_money(r.new_monthly)) + " | " +
             signed_money(r.delta()) + " | " + cell(change_detail(r)) + " |\n";
    }
  }
  if (diff.old_not_priced + diff.new_not_priced > 0) {
    out += "\n- not priced lines: " + std::to_string(diff.old_not_priced) + " before, " +
           std::to_string(diff.new_not_priced) + " after (left out of both totals)\n";
  }
  return out;
}

}  // namespace dharma::cost::report_detail
