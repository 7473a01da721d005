#include "dharma/api/cost_price_book.hpp"

#include "dharma/cache/redis_cache.hpp"
#include "dharma/state/connection_settings.hpp"
#include "dharma/util/error.hpp"

namespace dharma::api {

namespace {

void say_uncached(CommandContext& context, const std::string& why) {
  context.status().detail("price catalogs are not cached (" + why + ")");
}

}  // namespace

CostPriceBook::CostPriceBook(const CostOptions& options, CommandContext& context)
    : m_book(context.data_directory() / "pricing") {
  if (options.no_cache) {
    say_uncached(context, "--no-cache");
    return;
  }
  state::ConnectionFlags flags;
  flags.redis_url = options.redis_url;
  // Only a Redis named somewhere caches prices; the local stack is not assumed.
  const auto redis = state::resolve_connection_settings(flags).redis;
  if (redis.source == "default") {
    say_uncached(context,
                 "no Redis URL configured: --redis-url, DHARMA_REDIS_URL or redis.url in dharma.yaml");
    return;
  }
  try {
    m_cache = std::make_unique<cache::RedisCache>(
        redis.url, [&context](const std::string& warning) { context.status().warning(warning); });
  } catch (const util::Error& e) {
    throw util::Error(std::string(e.what()) + " (from " + redis.source + "); fix it, or run with --no-cache",
                      e.code());
  }
  std::function<void(const std::string&)> trace;
  if (context.flags().verbose) {
    trace = [&context](const std::string& line) { context.status().detail(line); };
  }
  m_book.use_cache(*m_cache, std::move(trace));
}

}  // namespace dharma::api
