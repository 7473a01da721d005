#pragma once
// What every command on the state store opens: its connection settings, the
// Store (PostgreSQL through PgBouncer), the cache (Redis; with --no-cache
// never read, see cache/bypass_cache.hpp) and the tenants, whose slugs it
// resolves. Nothing connects until first used: a pull served from the cache
// never opens a PostgreSQL connection. Commands get theirs from
// CommandContext::state_session().

#include <memory>
#include <string>

#include "dharma/cache/bypass_cache.hpp"
#include "dharma/cache/redis_cache.hpp"
#include "dharma/state/connection_settings.hpp"
#include "dharma/state/store.hpp"
#include "dharma/state/tenant_store.hpp"
#include "dharma/util/status.hpp"

namespace dharma::api {

class StateSession {
 public:
  // `settings` from resolve_connections() (connections.hpp). Cache warnings
  // (Redis unavailable, once) go to `status`.
  StateSession(state::ConnectionSettings settings, bool use_cache, util::Status& status);

  // The id of the active tenant `slug`; util::Error (exit 2) when there is none.
  std::string resolve_tenant(const std::string& slug);

  state::ConnectionSettings settings;
  state::Store store;
  cache::RedisCache redis;
  std::unique_ptr<cache::BypassCache> bypass;
  cache::Cache& cache;  // redis, or bypass with --no-cache
  state::TenantStore tenants;
};

// --tenant when given, else DHARMA_TENANT; util::Error (exit 2) when neither is.
std::string tenant_slug(const std::string& flag);

}  // namespace dharma::api
