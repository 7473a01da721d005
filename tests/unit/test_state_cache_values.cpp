// What the state layer keeps in the cache, without a server: the tenant row's
// cached form, the key names (scoped by database and tenant), and the
// BypassCache that --no-cache puts in front of Redis.

#include <doctest/doctest.h>

#include <map>

#include "dharma/cache/bypass_cache.hpp"
#include "dharma/state/store.hpp"
#include "dharma/state/tenant_cache.hpp"
#include "dharma/state/tenant_store.hpp"

using namespace dharma;

namespace {

// A cache in a map, to see what BypassCache passes through.
class MapCache final : public cache::Cache {
 public:
  std::map<std::string, std::string> values;
  int increments = 0;

  std::optional<std::string> get(const std::string& key) override {
    const auto it = values.find(key);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  void set(const std::string& key, std::string_view value, std::chrono::seconds) override {
    values[key] = std::string(value);
  }
  std::optional<std::int64_t> increment(const std::string& key, std::chrono::seconds) override {
    ++increments;
    values[key] = std::to_string(increments);
    return increments;
  }
  void remove(const std::vector<std::string>& keys) override {
    for (const auto& key : keys) {
      values.erase(key);
    }
  }
  std::int64_t remove_prefix(const std::string& prefix) override {
    std::int64_t removed = 0;
    for (auto it = values.begin(); it != values.end();) {
      if (it->first.rfind(prefix, 0) == 0) {
        it = values.erase(it);
        ++removed;
      } else {
        ++it;
      }
    }
    return removed;
  }
  cache::CacheStats stats() override {
    return {true, 0, 0, static_cast<std::int64_t>(values.size()), 0, "map"};
  }
};

state::Tenant sample_tenant() {
  state::Tenant tenant{"7a33a8d0-435b-4792-a303-cc60345fa476",
                       "acme",
                       "Acme \"Corp\"",
                       "eu-west-1",
                       "active",
                       "2026-11-22T10:00:00Z",
                       "2026-11-22T11:00:00Z",
                       {}};
  for (std::size_t i = 0; i < tenant.quotas.size(); ++i) {
    tenant.quotas[i] = static_cast<long>(10 * (i + 1));
  }
  return tenant;
}

}  // namespace

TEST_CASE("tenant_to_cache, round-trips every field of the tenant row") {
  const auto tenant = sample_tenant();
  const auto back = state::tenant_from_cache(state::tenant_to_cache(tenant));
  REQUIRE(back.has_value());
  CHECK(back->id == tenant.id);
  CHECK(back->slug == tenant.slug);
  CHECK(back->name == tenant.name);
  CHECK(back->region == tenant.region);
  CHECK(back->status == tenant.status);
  CHECK(back->created_at == tenant.created_at);
  CHECK(back->updated_at == tenant.updated_at);
  CHECK(back->quotas == tenant.quotas);
}

TEST_CASE("tenant_from_cache, treats a value of another shape as a miss") {
  CHECK_FALSE(state::tenant_from_cache("not json").has_value());
  CHECK_FALSE(state::tenant_from_cache("{}").has_value());
  CHECK_FALSE(state::tenant_from_cache(R"({"id": 1})").has_value());
  // Fewer quotas than this binary knows: an older shape.
  CHECK_FALSE(state::tenant_from_cache(R"({"id":"x","slug":"a","name":"A","region":"r","status":"active",)"
                                       R"("created_at":"t","updated_at":"t","quotas":[1,2,3]})")
                  .has_value());
}

TEST_CASE("Store::cache_tenant, names the database and the tenant, and differs between databases") {
  const state::Store one({"postgresql://dharma_app:secret@127.0.0.1:56432/one", "test", "PgBouncer"});
  const state::Store two({"postgresql://dharma_app:secret@127.0.0.1:56432/two", "test", "PgBouncer"});
  const state::Store one_other_password(
      {"postgresql://dharma_app:other@127.0.0.1:56432/one", "test", "PgBouncer"});
  CHECK(one.cache_scope().size() == 12);
  CHECK(one.cache_tenant("t-1") == one.cache_scope() + ".t-1");
  CHECK(one.cache_scope() != two.cache_scope());
  CHECK(one.cache_scope() == one_other_password.cache_scope());  // the password is masked first
  state::StoreOptions pinned;
  pinned.cache_scope = "fixed";
  const state::Store explicit_scope({"postgresql://x@127.0.0.1:1/x", "test", "PgBouncer"}, pinned);
  CHECK(explicit_scope.cache_tenant("t-1") == "fixed.t-1");
}

TEST_CASE("tenant cache keys, carry the tenant and live under its prefix") {
  const std::string tenant = "db0123456789.t-1";
  const std::string prefix = cache::tenant_prefix(tenant);
  CHECK(state::tenant_row_key(tenant).rfind(prefix, 0) == 0);
  CHECK(state::tenant_usage_key(tenant).rfind(prefix, 0) == 0);
  CHECK(state::tenant_row_key(tenant) != state::tenant_usage_key(tenant));
  CHECK(state::tenant_id_key("db0123456789", "acme") != state::tenant_id_key("db9876543210", "acme"));
}

TEST_CASE("BypassCache, never reads or stores but passes invalidations and counters through") {
  MapCache inner;
  inner.set("k", "cached", std::chrono::seconds(60));
  inner.set("p:1", "a", std::chrono::seconds(60));
  inner.set("p:2", "b", std::chrono::seconds(60));
  cache::BypassCache bypass(inner);
  CHECK_FALSE(bypass.get("k").has_value());
  bypass.set("new", "value", std::chrono::seconds(60));
  CHECK_FALSE(inner.get("new").has_value());
  CHECK(bypass.increment("counter", std::chrono::seconds(60)) == 1);
  CHECK(inner.get("counter") == "1");
  bypass.remove({"k"});
  CHECK_FALSE(inner.get("k").has_value());
  CHECK(bypass.remove_prefix("p:") == 2);
  CHECK(inner.values.size() == 1);  // the counter
}
