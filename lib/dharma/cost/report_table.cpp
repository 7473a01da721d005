// The terminal format: one row per priced line, grouped by resource, then
// subtotals per category, totals, notes, and (with --recommend) savings.

#include "dharma/cost/price_catalog.hpp"
#include "dharma/cost/report.hpp"
#include "dharma/cost/text_table.hpp"

namespace dharma::cost::report_detail {
namespace {

using Align = TextTable::Align;

std::string recommendations_text(const Estimate& estimate) {
  std::string out = "\nRecommendations\n";
  if (estimate.recommendations.empty()) {
    return out + "none: nothing in this estimate matches a recommendation rule\n";
  }
  TextTable table({{"RESOURCE"}, {"KIND"}, {"SAVING/MONTH", Align::right}, {"ACTION"}});
  for (const auto& r : estimate.recommendations) {
    table.add_row({r.resource, r.kind,
                   (r.counted ? "" : "(") + format_money(r.monthly_saving) + (r.counted ? "" : ")"),
                   r.action});
  }
  out += table.render();
  out += "total estimated saving: " + format_money(estimate.recommended_saving()) + "/month\n";
  out += "assumptions:\n";
  for (const auto& r : estimate.recommendations) {
    out += "  " + r.resource + " " + r.kind + ": " + r.assumption + "\n";
  }
  return out;
}

}  // namespace

std::string table_estimate(const Estimate& estimate, const ReportOptions& options) {
  std::string out = "Cost estimate for " + heading(estimate) + "\n";
  if (!estimate.price_source.empty()) {
    out += "Prices: " + estimate.price_source + ", as of " + estimate.price_date + ", " + estimate.currency +
           "\n";
  }
  out += "\n";
  TextTable lines({{"RESOURCE"},
                   {"TYPE"},
                   {"COMPONENT"},
                   {"SKU"},
                   {"QUANTITY", Align::right},
                   {"UNIT PRICE", Align::right},
                   {"MONTHLY", Align::right},
                   {"NOTE"}});
  for (const auto& resource : estimate.resources) {
    bool first = true;
    for (const auto& line : resource.lines) {
      lines.add_row({first ? resource.name : "", first ? resource.type : "", line.component,
                     line.sku.empty() ? "-" : line.sku, quantity_text(line), unit_price_text(line),
                     format_money(line.monthly), note_text(line)});
      first = false;
    }
    if (resource.lines.empty()) {
      lines.add_row({resource.name, resource.type, "-", "-", "0", "-", format_money(0), "count is 0"});
    }
  }
  out += lines.render();
  out += "\n";
  TextTable categories_table({{"CATEGORY"}, {"MONTHLY", Align::right}});
  for (const auto& category : categories()) {
    categories_table.add_row({category, format_money(estimate.subtotals.at(category))});
  }
  out += categories_table.render();
  out += "\nTotal: " + format_money(estimate.hourly(), 4) + "/hour, " + format_money(estimate.monthly) +
         "/month, " + format_money(estimate.yearly()) + "/year\n";
  for (const auto& note : summary_notes(estimate)) {
    out += note + "\n";
  }
  if (options.recommendations) {
    out += recommendations_text(estimate);
  }
  return out;
}

std::string table_diff(const CostDiff& diff) {
  std::string out = "Cost diff: " + diff.old_label + " -> " + diff.new_label + "\n\n";
  TextTable table({{"RESOURCE"},
                   {"TYPE"},
                   {"CHANGE"},
                   {"BEFORE", Align::right},
                   {"AFTER", Align::right},
                   {"DELTA", Align::right},
                   {"DETAIL"}});
  for (const auto& r : diff.resources) {
    if (r.kind == ChangeKind::unchanged) {
      continue;
    }
    table.add_row({r.name, r.type, change_kind_name(r.kind),
                   r.kind == ChangeKind::added ? "-" : format_money(r.old_monthly),
                   r.kind == ChangeKind::removed ? "-" : format_money(r.new_monthly), signed_money(r.delta()),
                   change_detail(r)});
  }
  if (diff.has_changes()) {
    out += table.render();
  } else {
    out += "No resource changes cost.\n";
  }
  out += "\nMonthly: " + format_money(diff.old_monthly) + " -> " + format_money(diff.new_monthly) + " (" +
         signed_money(diff.delta()) + ", " + percent_text(diff) + ")\n";
  if (diff.old_not_priced + diff.new_not_priced > 0) {
    out += "not priced lines: " + std::to_string(diff.old_not_priced) + " before, " +
           std::to_string(diff.new_not_priced) + " after (left out of both totals)\n";
  }
  return out;
}

}  // namespace dharma::cost::report_detail
