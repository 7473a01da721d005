#pragma once
// The result of pricing a blueprint: one ResourceCost per resource with its
// priced lines, subtotals per category, and totals. Every resource appears —
// free, usage-based and not-priced ones included — so nothing is hidden.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dharma/cost/money.hpp"
#include "dharma/util/source_location.hpp"

namespace dharma::cost {

enum class LineStatus {
  priced,       // a list price times a declared quantity
  estimated,    // usage-based, priced at the catalog's estimate (the usage file did not say)
  usage,        // usage-based, from the usage file
  usage_unset,  // usage-based and no usage given: $0 with a note
  free,         // the provider does not charge for it
  not_priced,   // unknown type, region, size or a missing property: $0 with the reason
};
const char* line_status_name(LineStatus status);

struct CostLine {
  std::string component;
  std::string service;
  std::string sku;
  PriceUnit unit = PriceUnit::hour;
  double unit_price = 0;
  double quantity = 0;
  double monthly = 0;
  LineStatus status = LineStatus::priced;
  std::string note;
};

struct ResourceCost {
  std::string name;
  std::string type;
  std::string category;
  long long count = 1;
  std::vector<CostLine> lines;
  std::vector<std::string> usage_keys;  // usage-file quantities its lines read
  double monthly = 0;
  util::SourceLocation location;

  bool has_status(LineStatus status) const;
  // The SKU of the first line with one ("t3.medium"), for one-line summaries.
  std::string main_sku() const;
};

struct Recommendation {
  std::string resource;
  std::string kind;  // right_size, reserved, savings_plan, spot, storage_tier
  std::string action;
  double monthly_saving = 0;
  std::string assumption;
  bool counted = true;  // false: an alternative to another recommendation on the same resource
};

struct Budget {
  double monthly = 0;
  std::string source;  // `--budget` or `dharma.yaml`
};

struct Estimate {
  std::string file;
  std::string blueprint;
  std::string provider;
  std::string region;
  std::string environment;
  std::string currency = "USD";
  std::string price_source;  // catalog `source`, empty without a catalog
  std::string price_date;    // catalog `as_of`
  std::vector<ResourceCost> resources;
  std::map<std::string, double> subtotals;  // category -> monthly
  double monthly = 0;
  int not_priced = 0;                           // lines
  int usage_unset = 0;                          // lines
  std::vector<Recommendation> recommendations;  // filled by recommend()
  std::optional<Budget> budget;

  double hourly() const { return monthly / k_hours_per_month; }
  double yearly() const { return monthly * k_months_per_year; }
  double recommended_saving() const;
  bool over_budget() const { return budget && monthly > budget->monthly + 1e-9; }
};

}  // namespace dharma::cost
