// The json format: one document on stdout with every figure a script needs.
// Money is rounded to cents (hourly totals to 4 decimals); unit prices are
// the catalog's figures unrounded. Keys keep a fixed order.

#include <nlohmann/json.hpp>

#include "dharma/cost/price_catalog.hpp"
#include "dharma/cost/report.hpp"

namespace dharma::cost::report_detail {
namespace {

using Json = nlohmann::ordered_json;

Json line_json(const CostLine& line) {
  Json j;
  j["component"] = line.component;
  j["service"] = line.service.empty() ? Json(nullptr) : Json(line.service);
  j["sku"] = line.sku.empty() ? Json(nullptr) : Json(line.sku);
  j["unit"] = line.status == LineStatus::free ? Json(nullptr) : Json(price_unit_name(line.unit));
  j["unit_price"] = line.unit_price;
  j["quantity"] = line.quantity;
  j["monthly"] = round_to(line.monthly, 2);
  j["status"] = line_status_name(line.status);
  j["note"] = line.note.empty() ? Json(nullptr) : Json(line.note);
  return j;
}

}  // namespace

std::string json_estimate(const Estimate& estimate, const ReportOptions& options) {
  Json j;
  j["blueprint"] = estimate.blueprint;
  j["file"] = estimate.file;
  j["provider"] = estimate.provider;
  j["region"] = estimate.region;
  j["environment"] = estimate.environment;
  j["currency"] = estimate.currency;
  j["prices"] = {{"source", estimate.price_source}, {"as_of", estimate.price_date}};
  Json resources = Json::array();
  for (const auto& resource : estimate.resources) {
    Json r;
    r["name"] = resource.name;
    r["type"] = resource.type;
    r["category"] = resource.category;
    r["count"] = resource.count;
    r["monthly"] = round_to(resource.monthly, 2);
    r["lines"] = Json::array();
    for (const auto& line : resource.lines) {
      r["lines"].push_back(line_json(line));
    }
    resources.push_back(std::move(r));
  }
  j["resources"] = std::move(resources);
  Json subtotals = Json::object();
  for (const auto& category : categories()) {
    subtotals[category] = round_to(estimate.subtotals.at(category), 2);
  }
  j["subtotals"] = std::move(subtotals);
  j["totals"] = {{"hourly", round_to(estimate.hourly(), 4)},
                 {"monthly", round_to(estimate.monthly, 2)},
                 {"yearly", round_to(estimate.yearly(), 2)}};
  j["not_priced"] = estimate.not_priced;
  j["usage_unset"] = estimate.usage_unset;
  if (estimate.budget) {
    j["budget"] = {{"monthly", estimate.budget->monthly},
                   {"source", estimate.budget->source},
                   {"exceeded", estimate.over_budget()}};
  } else {
    j["budget"] = nullptr;
  }
  if (options.recommendations) {
    Json recommendations = Json::array();
    for (const auto& r : estimate.recommendations) {
      recommendations.push_back({{"resource", r.resource},
                                 {"kind", r.kind},
                                 {"action", r.action},
                                 {"monthly_saving", round_to(r.monthly_saving, 2)},
                                 {"counted", r.counted},
                                 {"assumption", r.assumption}});
    }
    j["recommendations"] = std::move(recommendations);
    j["recommended_saving"] = round_to(estimate.recommended_saving(), 2);
  }
  return j.dump(2) + "\n";
}

std::string json_diff(const CostDiff& diff) {
  Json j;
  j["old"] = diff.old_label;
  j["new"] = diff.new_label;
  j["currency"] = "USD";
  Json resources = Json::array();
  for (const auto& r : diff.resources) {
    resources.push_back({{"name", r.name},
                         {"type", r.type},
                         {"change", change_kind_name(r.kind)},
                         {"old_sku", r.old_sku.empty() ? Json(nullptr) : Json(r.old_sku)},
                         {"new_sku", r.new_sku.empty() ? Json(nullptr) : Json(r.new_sku)},
                         {"old_monthly", round_to(r.old_monthly, 2)},
                         {"new_monthly", round_to(r.new_monthly, 2)},
                         {"delta", round_to(r.delta(), 2)}});
  }
  j["resources"] = std::move(resources);
  const auto percent = diff.percent();
  j["totals"] = {{"old_monthly", round_to(diff.old_monthly, 2)},
                 {"new_monthly", round_to(diff.new_monthly, 2)},
                 {"delta", round_to(diff.delta(), 2)},
                 {"percent", percent ? Json(round_to(*percent, 2)) : Json(nullptr)}};
  j["not_priced"] = {{"old", diff.old_not_priced}, {"new", diff.new_not_priced}};
  return j.dump(2) + "\n";
}

}  // namespace dharma::cost::report_detail
