#pragma once
// The data a store scenario reads, seeded by `dharma loadtest prepare`:
// tenants loadtest-01 … loadtest-NN, each with project "loadtest", the
// blueprint "web" (version 1, pulled by the read kinds) and "pushed" (to
// which push adds versions), quotas raised so a run never hits them. VUs
// are spread over the tenants round-robin.

#include <string>
#include <vector>

#include "dharma/cache/cache.hpp"
#include "dharma/state/connection_settings.hpp"
#include "dharma/state/store.hpp"

namespace dharma::loadtest {

inline constexpr const char* k_fixture_project = "loadtest";
inline constexpr const char* k_fixture_blueprint = "web";
inline constexpr const char* k_fixture_pushed = "pushed";

struct TenantFixture {
  std::string slug;
  std::string id;
  std::string cache_tenant;  // Store::cache_tenant(id): how cache keys name it
  int version = 1;           // of k_fixture_blueprint
};

// "loadtest-07" for index 7 (1-based).
std::string fixture_slug(int index);

// Seeds `count` tenants (idempotent: what exists is kept). Returns them.
std::vector<TenantFixture> prepare_fixtures(state::Store& store, cache::Cache& cache, int count);

// The first `count` prepared tenants; util::Error (exit 2) naming the first
// one missing, with the prepare command to run.
std::vector<TenantFixture> find_fixtures(state::Store& store, cache::Cache& cache, int count);

// Deletes every loadtest-* tenant and its data (through `owner`, the schema
// owner's URL: a hard delete, so prepare can seed them again) and their
// cache keys. Returns how many tenants were removed.
int cleanup_fixtures(const state::Endpoint& owner, state::Store& store, cache::Cache& cache);

}  // namespace dharma::loadtest
