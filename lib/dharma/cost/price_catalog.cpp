#include "dharma/cost/price_catalog.hpp"

#include <algorithm>

#include "dharma/cost/price_catalog_cache.hpp"
#include "dharma/util/diagnosed_error.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::cost {

const std::vector<std::string>& categories() {
  static const std::vector<std::string> names{"compute", "storage",    "database",
                                              "network", "kubernetes", "other"};
  return names;
}

bool DiscountRule::applies_to(const std::string& service) const {
  return std::find(services.begin(), services.end(), service) != services.end();
}

std::optional<std::string> RecommendationRules::smaller_size(const std::string& sku) const {
  for (const auto& ladder : size_ladders) {
    const auto it = std::find(ladder.begin(), ladder.end(), sku);
    if (it != ladder.end() && it != ladder.begin()) {
      return *(it - 1);
    }
  }
  return std::nullopt;
}

const Service* PriceCatalog::find_service(const std::string& name) const {
  const auto it = services.find(name);
  return it == services.end() ? nullptr : &it->second;
}

const PriceCatalog::RegionPrices* PriceCatalog::find_region(const std::string& region) const {
  const auto it = regions.find(region);
  return it == regions.end() ? nullptr : &it->second;
}

const double* PriceCatalog::price(const std::string& region, const std::string& service,
                                  const std::string& sku) const {
  const auto* prices = find_region(region);
  if (prices == nullptr) {
    return nullptr;
  }
  const auto service_it = prices->find(service);
  if (service_it == prices->end()) {
    return nullptr;
  }
  const auto sku_it = service_it->second.find(sku);
  return sku_it == service_it->second.end() ? nullptr : &sku_it->second;
}

const TypeRule* PriceCatalog::find_type(const std::string& type) const {
  const TypeRule* glob = nullptr;
  for (const auto& rule : types) {
    if (rule.pattern == type) {
      return &rule;
    }
    if (glob == nullptr && rule.pattern.find('*') != std::string::npos &&
        util::glob_match(rule.pattern, type)) {
      glob = &rule;
    }
  }
  return glob;
}

std::vector<std::string> PriceCatalog::region_names() const {
  std::vector<std::string> names;
  for (const auto& [name, prices] : regions) {
    names.push_back(name);
  }
  return names;
}

std::vector<std::string> PriceCatalog::sku_names(const std::string& region,
                                                 const std::string& service) const {
  std::vector<std::string> names;
  if (const auto* prices = find_region(region)) {
    if (const auto it = prices->find(service); it != prices->end()) {
      for (const auto& [sku, price] : it->second) {
        names.push_back(sku);
      }
    }
  }
  return names;
}

void PriceBook::use_cache(cache::Cache& cache, std::function<void(const std::string&)> trace) {
  m_cache = &cache;
  m_trace = std::move(trace);
}

const PriceCatalog* PriceBook::catalog(const std::string& provider) {
  if (const auto it = m_loaded.find(provider); it != m_loaded.end()) {
    return it->second ? &*it->second : nullptr;
  }
  const auto file = m_directory / (provider + ".yaml");
  std::error_code ec;
  if (provider.empty() || provider.find('/') != std::string::npos ||
      !std::filesystem::is_regular_file(file, ec)) {
    m_loaded[provider] = std::nullopt;
    return nullptr;
  }
  util::Diagnostics diagnostics;
  auto loaded = m_cache != nullptr ? load_price_catalog_cached(provider, file, *m_cache, diagnostics, m_trace)
                                   : load_price_catalog(file, diagnostics);
  if (!loaded) {
    throw util::DiagnosedError(
        std::move(diagnostics), util::ExitCode::invalid_input,
        "the price catalog " + file.string() + " is invalid; fix it or restore it from the dharma release");
  }
  auto& slot = m_loaded[provider];
  slot = std::move(loaded);
  return &*slot;
}

}  // namespace dharma::cost
