#include "dharma/loadtest/fixtures.hpp"

#include <cstdio>

#include <pqxx/pqxx>

#include "dharma/state/blueprint_store.hpp"
#include "dharma/state/tenant_cache.hpp"
#include "dharma/state/tenant_store.hpp"
#include "dharma/util/error.hpp"

namespace dharma::loadtest {
namespace {

constexpr const char* k_actor = "dharma-loadtest";

const char* k_fixture_source =
    "# seeded by dharma loadtest prepare\n"
    "name: web\n"
    "resources:\n"
    "  web:\n"
    "    type: compute.service\n"
    "    properties:\n"
    "      image: nginx:1.25\n"
    "      replicas: 2\n";

std::vector<std::pair<std::string, long>> raised_quotas() {
  return {{"projects", 100},          {"blueprints", 1000},        {"deployments", 1000},
          {"users", 50},              {"storage_gb", 1000},        {"api_calls_per_day", 2'000'000'000L}};
}

}  // namespace

std::string fixture_slug(int index) {
  char text[32];
  std::snprintf(text, sizeof text, "loadtest-%02d", index);
  return text;
}

std::vector<TenantFixture> prepare_fixtures(state::Store& store, cache::Cache& cache, int count) {
  state::TenantStore tenants(store, cache);
  state::BlueprintStore blueprints(store, cache);
  std::vector<TenantFixture> fixtures;
  for (int i = 1; i <= count; ++i) {
    TenantFixture fixture;
    fixture.slug = fixture_slug(i);
    if (auto id = tenants.find(fixture.slug)) {
      fixture.id = *id;
    } else {
      fixture.id = tenants.create(fixture.slug, "Load test tenant " + std::to_string(i), "local", k_actor).id;
    }
    tenants.set_quotas(fixture.id, raised_quotas(), k_actor);
    const auto pushed = blueprints.push(fixture.id, {k_fixture_project, k_fixture_blueprint, k_fixture_source,
                                                     "{\"name\":\"web\"}", k_actor});
    blueprints.push(fixture.id, {k_fixture_project, k_fixture_pushed, k_fixture_source, "{}", k_actor});
    fixture.version = pushed.version;
    fixture.cache_tenant = store.cache_tenant(fixture.id);
    fixtures.push_back(fixture);
  }
  return fixtures;
}

std::vector<TenantFixture> find_fixtures(state::Store& store, cache::Cache& cache, int count) {
  state::TenantStore tenants(store, cache);
  state::BlueprintStore blueprints(store, cache);
  std::vector<TenantFixture> fixtures;
  for (int i = 1; i <= count; ++i) {
    TenantFixture fixture;
    fixture.slug = fixture_slug(i);
    const auto id = tenants.find(fixture.slug);
    if (!id) {
      throw util::Error("tenant " + fixture.slug + " is not prepared; run `dharma loadtest prepare --tenants " +
                            std::to_string(count) + "` first",
                        util::ExitCode::invalid_input);
    }
    fixture.id = *id;
    fixture.cache_tenant = store.cache_tenant(fixture.id);
    fixture.version = blueprints.pull(fixture.id, k_fixture_project, k_fixture_blueprint, std::nullopt).version;
    fixtures.push_back(fixture);
  }
  return fixtures;
}

int cleanup_fixtures(const state::Endpoint& owner, state::Store& store, cache::Cache& cache) {
  std::vector<std::pair<std::string, std::string>> removed;  // id, slug
  try {
    pqxx::connection connection(owner.url);
    pqxx::work tx(connection);
    for (const auto& row : tx.exec("DELETE FROM tenants WHERE slug LIKE 'loadtest-%' RETURNING id::text, slug")) {
      removed.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
    }
    tx.commit();
  } catch (const pqxx::broken_connection& error) {
    throw util::Error("cannot connect to " + owner.describe() + ": " + error.what(), util::ExitCode::unavailable);
  }
  for (const auto& [id, slug] : removed) {
    cache.remove_prefix(cache::tenant_prefix(store.cache_tenant(id)));
    cache.remove_prefix("dharma:count:api:" + store.cache_tenant(id) + ":");
    cache.remove({state::tenant_id_key(store.cache_scope(), slug)});
  }
  return static_cast<int>(removed.size());
}

}  // namespace dharma::loadtest
