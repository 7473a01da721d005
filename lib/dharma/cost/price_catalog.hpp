#pragma once
// One provider's price catalog, loaded from pricing/<provider>.yaml
// (docs/cost.md, "The price catalog"): list prices per region, service and
// SKU; how each portable resource type turns into priced lines; and the
// discounts the recommendations assume. Prices are data, not code.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dharma/cost/money.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::cache {
class Cache;
}

namespace dharma::cost {

// The categories subtotals are grouped by, in report order.
const std::vector<std::string>& categories();

struct Service {
  std::string name;
  PriceUnit unit = PriceUnit::hour;
  std::string description;
  bool operator==(const Service&) const = default;
};

// One multiplier of a line's quantity: `count` (the resource's count),
// `min_size` (a numeric property, required), `replicas|0` (a numeric property
// with a default), or `multi_az*2` (2 when the boolean property is true, else 1).
struct QuantityFactor {
  enum class Kind { count, property, flag };
  Kind kind = Kind::count;
  std::string property;
  std::optional<double> default_value;  // property: used when the property is absent
  double when_true = 1;                 // flag
  std::string text;                     // as written
  bool operator==(const QuantityFactor&) const = default;
};

// How one component of a resource is priced.
struct LineRule {
  std::string component;  // `instance`, `root volume`...
  std::string service;
  std::string sku;  // a fixed SKU, or empty when `sku_from` names a property
  std::string sku_from;
  std::string sku_default;  // when `sku_from` is absent
  // Portable value -> provider SKU (`ssd: gp3`); empty: the value is the SKU.
  std::map<std::string, std::string> sku_map;
  std::string amount_from;         // property holding GB (or another amount) per instance
  std::string usage;               // usage-file key: the quantity is usage-based
  std::optional<double> estimate;  // usage used when the usage file does not say
  std::vector<QuantityFactor> quantity;
  util::SourceLocation location;
  bool operator==(const LineRule&) const = default;
};

struct TypeRule {
  std::string pattern;  // `compute.instance` or a glob such as `k8s.*`
  std::string category;
  std::optional<std::string> free;  // why it costs nothing
  std::vector<LineRule> lines;
  bool operator==(const TypeRule&) const = default;
};

struct DiscountRule {
  double discount = 0;  // fraction of the on-demand price saved
  std::vector<std::string> services;
  std::string assumption;
  bool applies_to(const std::string& service) const;
  bool operator==(const DiscountRule&) const = default;
};

struct StorageTier {
  std::string service;
  std::string from;
  std::string to;
  double share = 1;  // fraction of the stored GB assumed to move
  std::string assumption;
  bool operator==(const StorageTier&) const = default;
};

struct RecommendationRules {
  std::optional<DiscountRule> reserved;
  std::optional<DiscountRule> savings_plan;
  std::optional<DiscountRule> spot;
  std::vector<StorageTier> storage_tiers;
  std::vector<std::vector<std::string>> size_ladders;  // smallest first
  // The next smaller SKU on `sku`'s ladder, or nullopt.
  std::optional<std::string> smaller_size(const std::string& sku) const;
  bool operator==(const RecommendationRules&) const = default;
};

class PriceCatalog {
 public:
  using SkuPrices = std::map<std::string, double>;
  using RegionPrices = std::map<std::string, SkuPrices>;  // service -> sku -> price

  std::string provider;
  std::string currency = "USD";
  std::string source;
  std::string as_of;
  std::string file;
  std::map<std::string, Service> services;
  std::map<std::string, RegionPrices> regions;
  std::vector<TypeRule> types;
  RecommendationRules recommendations;

  bool operator==(const PriceCatalog&) const = default;

  const Service* find_service(const std::string& name) const;
  const RegionPrices* find_region(const std::string& region) const;
  // The list price, or nullptr when the region, service or SKU is unknown.
  const double* price(const std::string& region, const std::string& service, const std::string& sku) const;
  // Exact type names win over globs.
  const TypeRule* find_type(const std::string& type) const;
  std::vector<std::string> region_names() const;
  std::vector<std::string> sku_names(const std::string& region, const std::string& service) const;
};

// Loads and validates one catalog file; every problem goes to `diagnostics`
// with file:line:col and the result is empty when there were errors.
std::optional<PriceCatalog> load_price_catalog(const std::filesystem::path& file,
                                               util::Diagnostics& diagnostics);
// The same for `text`, the bytes of `file` already read.
std::optional<PriceCatalog> load_price_catalog_text(std::string_view text, const std::filesystem::path& file,
                                                    util::Diagnostics& diagnostics);

// The catalogs of a pricing/ directory, loaded on first use per provider.
class PriceBook {
 public:
  explicit PriceBook(std::filesystem::path directory) : m_directory(std::move(directory)) {}
  // The provider's catalog; nullptr when pricing/<provider>.yaml does not
  // exist. Throws util::DiagnosedError (exit 2) with its problems when it is invalid.
  const PriceCatalog* catalog(const std::string& provider);
  const std::filesystem::path& directory() const { return m_directory; }
  // Loads catalogs through `cache` from now on (price_catalog_cache.hpp),
  // which must outlive the book; `trace` gets one line per lookup (for -v).
  void use_cache(cache::Cache& cache, std::function<void(const std::string&)> trace = {});

 private:
  std::filesystem::path m_directory;
  std::map<std::string, std::optional<PriceCatalog>> m_loaded;
  cache::Cache* m_cache = nullptr;
  std::function<void(const std::string&)> m_trace;
};

}  // namespace dharma::cost
