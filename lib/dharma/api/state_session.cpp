#include "dharma/api/state_session.hpp"

#include <cstdlib>

#include "dharma/state/names.hpp"
#include "dharma/util/error.hpp"

namespace dharma::api {

StateSession::StateSession(state::ConnectionSettings resolved, bool use_cache, util::Status& status)
    : settings(std::move(resolved)),
      store(settings.database),
      redis(settings.redis.url, [&status](const std::string& warning) { status.warning(warning); }),
      bypass(use_cache ? nullptr : std::make_unique<cache::BypassCache>(redis)),
      cache(bypass ? static_cast<cache::Cache&>(*bypass) : redis),
      tenants(store, cache) {}

std::string StateSession::resolve_tenant(const std::string& slug) {
  state::check_tenant_slug(slug, "tenant");
  const auto id = tenants.find(slug);
  if (!id) {
    throw util::Error("unknown tenant '" + slug + "'; `dharma tenant list` shows the tenants");
  }
  return *id;
}

std::string tenant_slug(const std::string& flag) {
  if (!flag.empty()) {
    return flag;
  }
  const char* env = std::getenv("DHARMA_TENANT");
  if (env == nullptr || *env == '\0') {
    throw util::Error("no tenant given: pass --tenant SLUG or set DHARMA_TENANT");
  }
  return env;
}

}  // namespace dharma::api
