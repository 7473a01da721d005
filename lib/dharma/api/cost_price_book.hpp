#pragma once
// The price book one `dharma cost` run prices with. `dharma cost` is an
// offline tool, so it reads price catalogs through the Redis cache only when
// a Redis URL is configured explicitly (--redis-url, DHARMA_REDIS_URL or
// `redis.url` in dharma.yaml) — never the local stack's default, which would
// print a warning on every laptop without Redis — and never with --no-cache.

#include <memory>

#include "dharma/api/cost_api.hpp"
#include "dharma/cache/cache.hpp"
#include "dharma/cost/price_catalog.hpp"

namespace dharma::api {

class CostPriceBook {
 public:
  // Throws util::Error (exit 2) for a malformed Redis URL or dharma.yaml.
  // With -v (context.flags().verbose), says on the error stream whether and how catalogs are cached.
  CostPriceBook(const CostOptions& options, CommandContext& context);
  cost::PriceBook& book() { return m_book; }

 private:
  std::unique_ptr<cache::Cache> m_cache;  // null: catalogs are parsed from YAML every run
  cost::PriceBook m_book;
};

}  // namespace dharma::api
