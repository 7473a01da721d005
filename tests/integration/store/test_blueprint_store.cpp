// BlueprintStore against the real stack: byte-identical round trip,
// idempotent push, versions, read-through cache (a cached version is served
// with PostgreSQL unreachable), quotas under concurrency, tenant isolation.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "dharma/cache/redis_cache.hpp"
#include "dharma/state/blueprint_store.hpp"
#include "dharma/util/error.hpp"
#include "test_database.hpp"

using namespace dharma;
using dharma::testing::TestDatabase;

namespace {

std::string redis_url() {
  const char* url = std::getenv("DHARMA_REDIS_URL");
  return url != nullptr ? url : "redis://127.0.0.1:56379/0";
}

state::BlueprintPush push_of(const std::string& name, const std::string& source) {
  return {"shop", name, source, R"({"resources": []})", "tester"};
}

}  // namespace

TEST_CASE("BlueprintStore::push, stores versions and pulls them back byte for byte") {
  TestDatabase database("bp_roundtrip");
  const auto alpha = database.create_tenant("alpha");
  const auto beta = database.create_tenant("beta");
  state::Store store(database.app());
  cache::RedisCache redis(redis_url(), [](const std::string&) {});
  state::BlueprintStore blueprints(store, redis);
  redis.remove_prefix(cache::tenant_prefix(store.cache_tenant(alpha)));

  const std::string v1 = "name: web\r\nresources:\n  - café: \"x\"   \n\n";
  const auto first = blueprints.push(alpha, push_of("web", v1));
  CHECK(first.created);
  CHECK(first.version == 1);
  const auto again = blueprints.push(alpha, push_of("web", v1));
  CHECK_FALSE(again.created);
  CHECK(again.version == 1);
  const auto second = blueprints.push(alpha, push_of("web", v1 + "# edit\n"));
  CHECK(second.version == 2);

  CHECK(blueprints.pull(alpha, "shop", "web", std::nullopt).source == v1 + "# edit\n");
  const auto pulled = blueprints.pull(alpha, "shop", "web", 1);
  CHECK(pulled.source == v1);
  CHECK(pulled.content_hash == first.content_hash);
  CHECK(pulled.author == "tester");

  // The same name in another tenant is another blueprint; A's is invisible to B.
  CHECK(blueprints.push(beta, push_of("web", "other")).version == 1);
  CHECK(blueprints.pull(beta, "shop", "web", 1).source == "other");
  CHECK_THROWS_AS(blueprints.pull(beta, "shop", "web", 2), util::Error);

  // Read-through: version 1 is cached now, so it is served with PostgreSQL unreachable.
  state::StoreOptions fast;
  fast.first_backoff = std::chrono::milliseconds(1);
  fast.cache_scope = store.cache_scope();  // the same database, as the cache knows it
  state::Store dead({"postgresql://dharma_app@127.0.0.1:1/x", "test", "PgBouncer"}, fast);
  state::BlueprintStore offline(dead, redis);
  CHECK(offline.pull(alpha, "shop", "web", 1).source == v1);
  CHECK_THROWS_AS(offline.pull(alpha, "shop", "web", std::nullopt), util::Error);  // latest asks PostgreSQL
  CHECK(database.owner_query("SELECT count(*) FROM audit_log") == "0");  // FORCE RLS: owner without tenant
  std::string audits;
  store.run_for_tenant(alpha, [&](pqxx::work& tx) {
    audits = tx.exec("SELECT count(*) FROM audit_log WHERE action = 'blueprint.push'")[0][0].c_str();
  });
  CHECK(audits == "2");
  redis.remove_prefix(cache::tenant_prefix(store.cache_tenant(alpha)));
  redis.remove_prefix(cache::tenant_prefix(store.cache_tenant(beta)));
}

TEST_CASE("BlueprintStore::push, holds the blueprint quota under concurrent pushes") {
  TestDatabase database("bp_quota");
  const auto alpha = database.create_tenant("alpha");
  database.owner_query("UPDATE tenants SET max_blueprints = 3");
  std::atomic<int> stored{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      state::Store store(database.app());
      cache::NullCache none;
      state::BlueprintStore blueprints(store, none);
      try {
        blueprints.push(alpha, push_of("bp" + std::to_string(i), "n: " + std::to_string(i)));
        ++stored;
      } catch (const util::Error& error) {
        CHECK(std::string(error.what()) == "quota exceeded (3/3 blueprints)");
        CHECK(error.code() == util::ExitCode::refused);
        ++refused;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  CHECK(stored == 3);
  CHECK(refused == 5);
}
