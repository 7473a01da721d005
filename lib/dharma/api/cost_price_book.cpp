#include "dharma/api/cost_price_book.hpp"

#include <iostream>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/cache/redis_cache.hpp"
#include "dharma/state/connection_settings.hpp"
#include "dharma/util/error.hpp"

namespace dharma::api {

namespace {

void say_uncached(const CostOptions& options, const std::string& why) {
  if (options.verbose) {
    std::cerr << "dharma: price catalogs are not cached (" << why << ")\n";
  }
}

}  // namespace

CostPriceBook::CostPriceBook(const CostOptions& options) : m_book(data_directory() / "pricing") {
  if (options.no_cache) {
    say_uncached(options, "--no-cache");
    return;
  }
  state::ConnectionFlags flags;
  flags.redis_url = options.redis_url;
  // Only a Redis named somewhere caches prices; the local stack is not assumed.
  const auto redis = state::resolve_connection_settings(flags).redis;
  if (redis.source == "default") {
    say_uncached(options, "no Redis URL configured: --redis-url, DHARMA_REDIS_URL or redis.url in dharma.yaml");
    return;
  }
  try {
    m_cache = std::make_unique<cache::RedisCache>(
        redis.url, [](const std::string& warning) { std::cerr << "dharma: warning: " << warning << '\n'; });
  } catch (const util::Error& e) {
    throw util::Error(std::string(e.what()) + " (from " + redis.source + "); fix it, or run with --no-cache",
                      e.code());
  }
  std::function<void(const std::string&)> trace;
  if (options.verbose) {
    trace = [](const std::string& line) { std::cerr << "dharma: " << line << '\n'; };
  }
  m_book.use_cache(*m_cache, std::move(trace));
}

}  // namespace dharma::api
