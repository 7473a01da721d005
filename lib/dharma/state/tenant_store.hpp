#pragma once
// Tenants in the state store: create, read, update, soft delete, quotas,
// usage. Every mutation runs in one transaction for the tenant (so row-level
// security binds it) and writes its audit-log row in that same transaction.
// Creating a tenant picks its id first and sets it as the transaction's
// tenant, so the insert passes the tenants table's policy; listing all
// tenants goes through dharma_tenant_directory() (V010). Slug lookups, the
// tenant row and its usage counts are read through the cache and removed
// from it by the writes that change them (tenant_cache.hpp).

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "dharma/cache/cache.hpp"
#include "dharma/state/store.hpp"

namespace dharma::state {

// The quota columns of the tenants table, in display order, with the
// defaults V001 gives them.
struct QuotaField {
  const char* key;     // CLI and JSON name
  const char* column;  // tenants column
  long default_limit;
};
inline constexpr std::array<QuotaField, 6> k_quota_fields{{
    {"projects", "max_projects", 20},
    {"blueprints", "max_blueprints", 100},
    {"deployments", "max_deployments", 1000},
    {"users", "max_users", 50},
    {"storage_gb", "max_storage_gb", 100},
    {"api_calls_per_day", "max_api_calls_per_day", 100000},
}};
inline constexpr std::size_t k_api_calls_quota = 5;  // index of api_calls_per_day

struct Tenant {
  std::string id;
  std::string slug;
  std::string name;
  std::string region;
  std::string status;
  std::string created_at;
  std::string updated_at;
  std::array<long, k_quota_fields.size()> quotas{};  // in k_quota_fields order
};

struct TenantListing {
  std::string slug;
  std::string name;
  std::string region;
  std::string status;
  std::string created_at;
};

struct UsageLine {
  std::string key;
  double used = 0;
  long limit = 0;
};

class TenantStore {
 public:
  TenantStore(Store& store, cache::Cache& cache) : m_store(store), m_cache(cache) {}

  // The id of the active tenant `slug`, or nothing.
  std::optional<std::string> find(const std::string& slug);

  // Creates an active tenant with the default quotas. Throws util::Error
  // exit 4 when the slug is taken (also by a deleted tenant), exit 2 when
  // the slug or name is not valid.
  Tenant create(const std::string& slug, const std::string& name, const std::string& region,
                const std::string& actor);

  std::vector<TenantListing> list();

  Tenant get(const std::string& tenant_id);

  // Changes name and/or region (those given).
  Tenant update(const std::string& tenant_id, const std::optional<std::string>& name,
                const std::optional<std::string>& region, const std::string& actor);

  // Soft delete. Throws util::Error exit 4 while the tenant has live
  // deployments, unless `force`. Returns how many live deployments there were.
  long soft_delete(const std::string& tenant_id, bool force, const std::string& actor);

  // Sets the quotas given (key from k_quota_fields, limit >= 0).
  Tenant set_quotas(const std::string& tenant_id, const std::vector<std::pair<std::string, long>>& limits,
                    const std::string& actor);

  // Current counts against every quota, in k_quota_fields order. The API
  // calls line counts what PostgreSQL holds; api_calls_today() adds Redis's.
  std::vector<UsageLine> usage(const std::string& tenant_id);

 private:
  Store& m_store;
  cache::Cache& m_cache;
};

// Reads a tenant row (SELECT of the columns tenant_columns() names).
std::string tenant_columns();
Tenant tenant_from_row(const pqxx::row& row);

}  // namespace dharma::state
