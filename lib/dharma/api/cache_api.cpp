#include "dharma/api/cache_api.hpp"

#include <nlohmann/json.hpp>

#include "dharma/api/connections.hpp"
#include "dharma/cache/redis_cache.hpp"
#include "dharma/state/store.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/number_text.hpp"

namespace dharma::api {
namespace {

cache::RedisCache open_cache(const state::Endpoint& endpoint) {
  // These commands are about the cache itself, so unavailability is an error, not a warning.
  return cache::RedisCache(endpoint.url, [](const std::string&) {});
}

[[noreturn]] void unavailable(const state::Endpoint& endpoint) {
  throw util::Error("cannot reach " + endpoint.describe() +
                        "; check that Redis is running (`dharma stack status`) and that " + endpoint.source +
                        " is right",
                    util::ExitCode::unavailable);
}

}  // namespace

int cache_stats(const CacheOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const auto settings = resolve_connections(options.connection, context);
  auto redis = open_cache(settings.redis);
  const auto stats = redis.stats();
  if (!stats.available) {
    unavailable(settings.redis);
  }
  const auto lookups = stats.hits + stats.misses;
  const double hit_rate = lookups > 0 ? static_cast<double>(stats.hits) / static_cast<double>(lookups) : 0.0;
  if (options.format == "json") {
    out << nlohmann::json{{"server", stats.server}, {"hits", stats.hits},
                          {"misses", stats.misses}, {"hit_rate", hit_rate},
                          {"keys", stats.keys},     {"memory_bytes", stats.memory_bytes}}
               .dump(2)
        << '\n';
    return 0;
  }
  const std::string rate = util::fixed_text(hit_rate * 100.0, 1) + "%";
  out << "server    " << stats.server << '\n'
      << "hits      " << stats.hits << '\n'
      << "misses    " << stats.misses << '\n'
      << "hit rate  " << rate << '\n'
      << "keys      " << stats.keys << " (dharma's)\n"
      << "memory    " << stats.memory_bytes << " bytes (whole server)\n";
  return 0;
}

int cache_flush(const CacheOptions& options, CommandContext& context) {
  const std::optional<std::string>& tenant = options.tenant;
  const auto settings = resolve_connections(options.connection, context);
  std::string prefix(cache::k_namespace);
  if (tenant) {
    state::Store store(settings.database);
    const auto id = store.find_tenant(*tenant);  // never from the cache being flushed
    if (!id) {
      throw util::Error("unknown tenant '" + *tenant + "'; `dharma tenant list` shows the tenants");
    }
    prefix = cache::tenant_prefix(store.cache_tenant(*id));
  }
  auto redis = open_cache(settings.redis);
  const auto removed = redis.remove_prefix(prefix);
  if (!redis.available()) {
    unavailable(settings.redis);
  }
  context.out() << "removed " << removed << " key(s)" << (tenant ? " of tenant " + *tenant : std::string())
                << '\n';
  return 0;
}

}  // namespace dharma::api
