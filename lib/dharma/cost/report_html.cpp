// The html format: one self-contained page (inline CSS and SVG, no scripts,
// no external assets) with the breakdown table and two bar charts — cost by
// category and by resource. The markup is kept well-formed (every element
// closed, attributes quoted, text escaped) so it parses as XML too, which
// is what the tests check. The page fits windows 800 px wide and wider
// without scrolling sideways: notes wrap anywhere, names may break after
// '.' and '_' (<wbr/>), and narrow windows get tighter cells.

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "dharma/cost/price_catalog.hpp"
#include "dharma/cost/report.hpp"
#include "dharma/util/number_text.hpp"
#include "dharma/util/text.hpp"

namespace dharma::cost::report_detail {
namespace {

std::string number(double value) {
  return util::fixed_text(value, 1);
}

const char* k_style = R"(body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2433}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;max-width:100%}
th,td{padding:.25rem .6rem;border-bottom:1px solid #dde;vertical-align:top}
td.wrap{overflow-wrap:anywhere;min-width:12rem}
th{text-align:left;background:#f3f4f8}td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.total{font-size:1.2rem;font-weight:600}.note{color:#666;font-size:.9rem}
.bad{color:#b00020}svg text{font-size:12px;fill:#1d2433}
td.n.unit{white-space:normal}
@media (max-width:1000px){body{margin:1rem}table{font-size:.85rem}th,td{padding:.2rem .3rem}td.wrap{min-width:9rem}})";

// `name` escaped, with a line-break opportunity after each of `breaks`, so
// long resource, type and SKU names (and unit prices, after '/') wrap
// instead of widening the table.
std::string breakable(const std::string& name, const char* breaks = "._") {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    out += util::html_escape(name.substr(i, 1));
    if (std::strchr(breaks, name[i]) != nullptr && i + 1 < name.size()) {
      out += "<wbr/>";
    }
  }
  return out;
}

// A horizontal bar chart of (label, monthly) pairs, largest first.
std::string bar_chart(const std::string& title, std::vector<std::pair<std::string, double>> bars) {
  std::stable_sort(bars.begin(), bars.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  const double top = bars.empty() ? 0 : bars.front().second;
  const int row = 22;
  const int label_width = 200;
  const int bar_width = 400;
  const int height = row * static_cast<int>(bars.size()) + 10;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" +
                    std::to_string(label_width + bar_width + 110) + "\" height=\"" + std::to_string(height) +
                    "\"><title>" + util::html_escape(title) + "</title>";
  int y = 5;
  for (const auto& [label, value] : bars) {
    const double width = top > 0 ? value / top * bar_width : 0;
    out += "<text x=\"0\" y=\"" + std::to_string(y + 14) + "\">" + util::html_escape(label) + "</text>";
    out += "<rect x=\"" + std::to_string(label_width) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
           number(width) + "\" height=\"14\" fill=\"#4f6bed\"></rect>";
    out += "<text x=\"" + number(label_width + width + 6) + "\" y=\"" + std::to_string(y + 14) + "\">" +
           util::html_escape(format_money(value)) + "</text>";
    y += row;
  }
  return out + "</svg>\n";
}

std::string page(const std::string& title, const std::string& body) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" +
         util::html_escape(title) + "</title><style>" + k_style + "</style></head><body>\n" + body +
         "</body></html>\n";
}

}  // namespace

std::string html_estimate(const Estimate& estimate, const ReportOptions& options) {
  std::string body = "<h1>Cost estimate: " + util::html_escape(heading(estimate)) + "</h1>\n";
  body += "<p class=\"total\">" + util::html_escape(format_money(estimate.monthly)) + "/month &#183; " +
          util::html_escape(format_money(estimate.hourly(), 4)) + "/hour &#183; " +
          util::html_escape(format_money(estimate.yearly())) + "/year</p>\n";
  for (const auto& note : summary_notes(estimate)) {
    body += "<p class=\"note" +
            std::string(estimate.over_budget() && note.find("EXCEEDED") != std::string::npos ? " bad" : "") +
            "\">" + util::html_escape(note) + "</p>\n";
  }
  std::vector<std::pair<std::string, double>> by_category;
  for (const auto& category : categories()) {
    by_category.emplace_back(category, estimate.subtotals.at(category));
  }
  body += "<h2>By category</h2>\n" + bar_chart("Monthly cost by category", by_category);
  std::vector<std::pair<std::string, double>> by_resource;
  for (const auto& resource : estimate.resources) {
    if (resource.monthly > 0) {
      by_resource.emplace_back(resource.name, resource.monthly);
    }
  }
  body += "<h2>By resource</h2>\n" + bar_chart("Monthly cost by resource", by_resource);
  body +=
      "<h2>Breakdown</h2>\n<table><thead><tr><th>Resource</th><th>Type</th><th>Component</th><th>SKU</th>"
      "<th>Quantity</th><th>Unit price</th><th>Monthly</th><th>Note</th></tr></thead><tbody>\n";
  for (const auto& resource : estimate.resources) {
    for (const auto& line : resource.lines) {
      body += "<tr><td>" + breakable(resource.name) + "</td><td>" + breakable(resource.type) + "</td><td>" +
              util::html_escape(line.component) + "</td><td>" + breakable(line.sku.empty() ? "-" : line.sku) +
              "</td><td class=\"n\">" + util::html_escape(quantity_text(line)) +
              "</td><td class=\"n unit\">" + breakable(unit_price_text(line), "/") + "</td><td class=\"n\">" +
              util::html_escape(format_money(line.monthly)) + "</td><td class=\"wrap" +
              (line.status == LineStatus::not_priced ? " bad" : "") + "\">" +
              util::html_escape(note_text(line)) + "</td></tr>\n";
    }
  }
  body += "</tbody></table>\n<h2>Subtotals</h2>\n<table><tbody>\n";
  for (const auto& [category, monthly] : by_category) {
    body += "<tr><td>" + util::html_escape(category) + "</td><td class=\"n\">" +
            util::html_escape(format_money(monthly)) + "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  if (options.recommendations) {
    body +=
        "<h2>Recommendations: " + util::html_escape(format_money(estimate.recommended_saving())) +
        "/month</h2>\n<table><thead><tr><th>Resource</th><th>Kind</th><th>Saving/month</th><th>Action</th>"
        "<th>Assumption</th></tr></thead><tbody>\n";
    for (const auto& r : estimate.recommendations) {
      body += "<tr><td>" + breakable(r.resource) + "</td><td>" + breakable(r.kind) + "</td><td class=\"n\">" +
              util::html_escape((r.counted ? "" : "(") + format_money(r.monthly_saving) +
                                (r.counted ? "" : ")")) +
              "</td><td>" + util::html_escape(r.action) + "</td><td class=\"wrap\">" +
              util::html_escape(r.assumption) + "</td></tr>\n";
    }
    body += "</tbody></table>\n";
  }
  if (!estimate.price_source.empty()) {
    body += "<p class=\"note\">Prices: " + util::html_escape(estimate.price_source) + ", as of " +
            util::html_escape(estimate.price_date) + ", " + util::html_escape(estimate.currency) + ".</p>\n";
  }
  return page("Cost estimate: " + heading(estimate), body);
}

std::string html_diff(const CostDiff& diff) {
  std::string body = "<h1>Cost diff: " + util::html_escape(diff.old_label) + " &#8594; " +
                     util::html_escape(diff.new_label) + "</h1>\n";
  body += "<p class=\"total\">" + util::html_escape(format_money(diff.old_monthly)) + " &#8594; " +
          util::html_escape(format_money(diff.new_monthly)) + " (" +
          util::html_escape(signed_money(diff.delta())) + ", " + util::html_escape(percent_text(diff)) +
          ")</p>\n";
  body +=
      "<table><thead><tr><th>Resource</th><th>Type</th><th>Change</th><th>Before</th><th>After</th>"
      "<th>Delta</th></tr></thead><tbody>\n";
  for (const auto& r : diff.resources) {
    if (r.kind == ChangeKind::unchanged) {
      continue;
    }
    body += "<tr><td>" + util::html_escape(r.name) + "</td><td>" + util::html_escape(r.type) + "</td><td>" +
            change_kind_name(r.kind) + "</td><td class=\"n\">" +
            util::html_escape(r.kind == ChangeKind::added ? "-" : format_money(r.old_monthly)) +
            "</td><td class=\"n\">" +
            util::html_escape(r.kind == ChangeKind::removed ? "-" : format_money(r.new_monthly)) +
            "</td><td class=\"n\">" + util::html_escape(signed_money(r.delta())) + "</td></tr>\n";
  }
  body += "</tbody></table>\n";
  return page("Cost diff", body);
}

}  // namespace dharma::cost::report_detail
