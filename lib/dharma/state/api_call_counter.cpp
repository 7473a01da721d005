#include "dharma/state/api_call_counter.hpp"

#include <cstdlib>

#include "dharma/state/store_statements.hpp"
#include "dharma/state/tenant_cache.hpp"
#include "dharma/state/tenant_store.hpp"
#include "dharma/util/clock.hpp"
#include "dharma/util/error.hpp"

namespace dharma::state {
namespace {

std::string counter_key(const Store& store, const std::string& tenant_id, const std::string& day) {
  return api_call_counter_key(store.cache_tenant(tenant_id), day);
}

// Calls PostgreSQL counted today (those made while Redis was down). The
// quota check reads them through the cache (k_tenant_ttl); `fresh` reads
// PostgreSQL and refreshes the cached copy.
std::int64_t counted_in_postgres(Store& store, cache::Cache& cache, const std::string& tenant_id,
                                 const std::string& day, bool fresh) {
  const std::string key = api_calls_counted_in_postgres_key(store.cache_tenant(tenant_id), day);
  if (const auto cached = fresh ? std::nullopt : cache.get(key)) {
    char* end = nullptr;
    const long long value = std::strtoll(cached->c_str(), &end, 10);
    if (!cached->empty() && *end == '\0' && value >= 0) {
      return value;
    }
  }
  const std::int64_t calls = decode_api_calls(store.execute(api_calls_statement(tenant_id, day, false)));
  cache.set(key, std::to_string(calls), k_tenant_ttl);
  return calls;
}

}  // namespace

// Outside k_namespace: `dharma cache flush` must not reset a day's count.
std::string api_call_counter_key(const std::string& cache_tenant, const std::string& day) {
  return "dharma:count:api:" + cache_tenant + ":" + day;
}

std::string api_calls_counted_in_postgres_key(const std::string& cache_tenant, const std::string& day) {
  return cache::tenant_key(cache_tenant, "api-calls-pg", day);
}

void count_api_call(Store& store, cache::Cache& cache, const std::string& tenant_id) {
  const std::string day = util::today_utc();
  const auto in_redis = cache.increment(counter_key(store, tenant_id, day), k_api_counter_ttl);
  const long limit = TenantStore(store, cache).get(tenant_id).quotas[k_api_calls_quota];
  std::int64_t total = 0;
  if (in_redis) {
    total = *in_redis + counted_in_postgres(store, cache, tenant_id, day, false);
  } else {
    total = decode_api_calls(store.execute(api_calls_statement(tenant_id, day, true)));
  }
  if (total > limit) {
    throw util::Error(
        "API call quota exceeded (" + std::to_string(limit) + "/" + std::to_string(limit) +
            " calls today); it resets at 00:00 UTC or with `dharma tenant quota set --api_calls_per_day`",
        util::ExitCode::refused);
  }
}

std::int64_t api_calls_today(Store& store, cache::Cache& cache, const std::string& tenant_id) {
  const std::string day = util::today_utc();
  const auto in_redis = cache.get(counter_key(store, tenant_id, day));
  return counted_in_postgres(store, cache, tenant_id, day, true) +
         (in_redis ? std::strtoll(in_redis->c_str(), nullptr, 10) : 0);
}

}  // namespace dharma::state
