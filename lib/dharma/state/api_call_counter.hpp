#pragma once
// API calls per tenant and UTC day, held to the tenant's max_api_calls_per_day.
//
// Counted in Redis (INCR of "dharma:count:api:<tenant>:<day>", kept two
// days); while Redis is unavailable the call is counted in PostgreSQL's
// api_call_counts instead. The day's total is the sum of both, so calls made
// during an outage still count once Redis is back. The Redis key is outside
// the cache's namespace, so neither invalidation nor `dharma cache flush`
// resets it. The quota and PostgreSQL's count are read through the cache
// (tenant_cache.hpp), so with Redis up a call costs no PostgreSQL round trip;
// PostgreSQL's count may then be up to k_tenant_ttl old after an outage
// (api_calls_today(), used by `tenant usage`, reads it fresh and refreshes it).

#include <chrono>
#include <cstdint>
#include <string>

#include "dharma/cache/cache.hpp"
#include "dharma/state/store.hpp"

namespace dharma::state {

// The Redis counter of `cache_tenant` (Store::cache_tenant) on `day`
// (YYYY-MM-DD, UTC), kept k_api_counter_ttl; and the cache key of
// PostgreSQL's count for that day. The loadtest engine's api_calls request
// uses the same keys (lib/dharma/loadtest/store_requests.cpp).
inline constexpr std::chrono::seconds k_api_counter_ttl{2 * 24 * 3600};
std::string api_call_counter_key(const std::string& cache_tenant, const std::string& day);
std::string api_calls_counted_in_postgres_key(const std::string& cache_tenant, const std::string& day);

// Counts one call for `tenant_id`; throws util::Error exit 4
// "API call quota exceeded (N/N calls today)" when it is over the quota.
void count_api_call(Store& store, cache::Cache& cache, const std::string& tenant_id);

// Today's calls (Redis plus PostgreSQL, read fresh) for `tenant_id`.
std::int64_t api_calls_today(Store& store, cache::Cache& cache, const std::string& tenant_id);

}  // namespace dharma::state
