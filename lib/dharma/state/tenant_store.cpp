#include "dharma/state/tenant_store.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "dharma/state/store_statements.hpp"
#include "dharma/state/tenant_cache.hpp"
#include "dharma/util/error.hpp"

namespace dharma::state {
namespace {

constexpr const char* k_time = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

void audit(pqxx::work& tx, const std::string& tenant_id, const std::string& actor, const std::string& action,
           const std::string& target, const std::string& detail_json) {
  tx.exec_params(
      "INSERT INTO audit_log (tenant_id, actor, action, target_type, target_id, detail) "
      "VALUES ($1, $2, $3, 'tenant', $4, $5::jsonb)",
      tenant_id, actor, action, target, detail_json);
}

Tenant read_tenant(pqxx::work& tx, const std::string& tenant_id) {
  const auto rows = tx.exec_params("SELECT " + tenant_columns() + " FROM tenants WHERE id = $1", tenant_id);
  if (rows.empty()) {
    throw util::Error("the tenant no longer exists", util::ExitCode::invalid_input);
  }
  return tenant_from_row(rows[0]);
}

const QuotaField& quota_field(const std::string& key) {
  for (const auto& field : k_quota_fields) {
    if (key == field.key) {
      return field;
    }
  }
  throw util::Error("unknown quota '" + key + "'", util::ExitCode::invalid_input);
}

}  // namespace

std::string tenant_columns() {
  std::string columns = "id, slug, name, region, status, to_char(created_at AT TIME ZONE 'UTC', " +
                        std::string(k_time) + "), to_char(updated_at AT TIME ZONE 'UTC', " + k_time + ")";
  for (const auto& field : k_quota_fields) {
    columns += ", " + std::string(field.column);
  }
  return columns;
}

Tenant tenant_from_row(const pqxx::row& row) {
  // The same decoder as dharma_tenant's rows (store_statements.hpp).
  StatementRow values;
  for (const auto& field : row) {
    values.push_back(field.is_null() ? std::nullopt : StatementValue(field.c_str()));
  }
  return *decode_tenant({values});
}

Tenant TenantStore::create(const std::string& slug, const std::string& name, const std::string& region,
                           const std::string& actor) {
  std::string id;
  m_store.run_without_tenant(
      [&](pqxx::work& tx) { id = tx.exec1("SELECT gen_random_uuid()")[0].as<std::string>(); });
  Tenant tenant;
  try {
    m_store.run_for_tenant(id, [&](pqxx::work& tx) {
      tx.exec_params("INSERT INTO tenants (id, slug, name, region) VALUES ($1, $2, $3, $4)", id, slug, name,
                     region);
      audit(tx, id, actor, "tenant.create", slug, "{}");
      tenant = read_tenant(tx, id);
    });
  } catch (const pqxx::unique_violation&) {
    throw util::Error("tenant '" + slug + "' already exists (slugs of deleted tenants stay reserved)",
                      util::ExitCode::refused);
  } catch (const pqxx::check_violation&) {
    throw util::Error(
        "invalid tenant: the slug must match [a-z0-9][a-z0-9-]{0,62} and the name be 1-200 characters",
        util::ExitCode::invalid_input);
  }
  return tenant;
}

std::optional<std::string> TenantStore::find(const std::string& slug) {
  const std::string key = tenant_id_key(m_store.cache_scope(), slug);
  if (auto cached = m_cache.get(key)) {
    return cached;
  }
  auto id = m_store.find_tenant(slug);
  if (id) {
    m_cache.set(key, *id, k_tenant_ttl);
  }
  return id;
}

std::vector<TenantListing> TenantStore::list() {
  std::vector<TenantListing> tenants;
  m_store.run_without_tenant([&](pqxx::work& tx) {
    tenants.clear();
    const auto rows =
        tx.exec(std::string("SELECT slug, name, region, status, to_char(created_at AT TIME ZONE 'UTC', ") +
                k_time + ") FROM dharma_tenant_directory()");
    for (const auto& row : rows) {
      tenants.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                         row[3].as<std::string>(), row[4].as<std::string>()});
    }
  });
  return tenants;
}

Tenant TenantStore::get(const std::string& tenant_id) {
  const std::string key = tenant_row_key(m_store.cache_tenant(tenant_id));
  if (const auto cached = m_cache.get(key)) {
    if (auto tenant = tenant_from_cache(*cached); tenant && tenant->id == tenant_id) {
      return std::move(*tenant);
    }
  }
  // One statement, one round trip (dharma_tenant, V012).
  auto tenant = decode_tenant(m_store.execute(tenant_statement(tenant_id)));
  if (!tenant) {
    throw util::Error("the tenant no longer exists", util::ExitCode::invalid_input);
  }
  m_cache.set(key, tenant_to_cache(*tenant), k_tenant_ttl);
  return std::move(*tenant);
}

Tenant TenantStore::update(const std::string& tenant_id, const std::optional<std::string>& name,
                           const std::optional<std::string>& region, const std::string& actor) {
  Tenant tenant;
  try {
    m_store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
      const auto before = read_tenant(tx, tenant_id);
      tx.exec_params(
          "UPDATE tenants SET name = coalesce($2, name), region = coalesce($3, region), updated_at = now() "
          "WHERE id = $1",
          tenant_id, name, region);
      audit(tx, tenant_id, actor, "tenant.update", before.slug,
            tx.exec_params1(
                  "SELECT jsonb_strip_nulls(jsonb_build_object('name', $1::text, 'region', $2::text))::text",
                  name, region)[0]
                .as<std::string>());
      tenant = read_tenant(tx, tenant_id);
    });
  } catch (const pqxx::check_violation&) {
    throw util::Error("invalid tenant name: it must be 1-200 characters", util::ExitCode::invalid_input);
  }
  m_cache.remove({tenant_row_key(m_store.cache_tenant(tenant_id))});
  return tenant;
}

long TenantStore::soft_delete(const std::string& tenant_id, bool force, const std::string& actor) {
  long live = 0;
  std::string slug;
  m_store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    const auto tenant = read_tenant(tx, tenant_id);
    slug = tenant.slug;
    tx.exec_params("SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE", tenant_id);
    live =
        tx.exec(
              "SELECT count(*) FROM deployments "
              "WHERE status IN ('pending', 'awaiting_approval', 'deploying', 'verifying', 'switching')")[0][0]
            .as<long>();
    if (live > 0 && !force) {
      throw util::Error("tenant '" + tenant.slug + "' has " + std::to_string(live) +
                            " live deployment(s); wait for them to finish or pass --force",
                        util::ExitCode::refused);
    }
    tx.exec_params(
        "UPDATE tenants SET status = 'deleted', deleted_at = now(), updated_at = now() WHERE id = $1",
        tenant_id);
    audit(tx, tenant_id, actor, "tenant.delete", tenant.slug,
          "{\"forced\": " + std::string(force ? "true" : "false") +
              ", \"live_deployments\": " + std::to_string(live) + "}");
  });
  // A deleted tenant's slug must stop resolving at once, and nothing of it stay cached.
  m_cache.remove({tenant_id_key(m_store.cache_scope(), slug)});
  m_cache.remove_prefix(cache::tenant_prefix(m_store.cache_tenant(tenant_id)));
  return live;
}

Tenant TenantStore::set_quotas(const std::string& tenant_id,
                               const std::vector<std::pair<std::string, long>>& limits,
                               const std::string& actor) {
  Tenant tenant;
  m_store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    const auto before = read_tenant(tx, tenant_id);
    std::string detail = "{";
    for (const auto& [key, limit] : limits) {
      if (limit < 0) {
        throw util::Error("quota " + key + " must be 0 or more", util::ExitCode::invalid_input);
      }
      // The column name comes from k_quota_fields, never from the caller.
      tx.exec_params("UPDATE tenants SET " + std::string(quota_field(key).column) +
                         " = $2, updated_at = now() "
                         "WHERE id = $1",
                     tenant_id, limit);
      detail += std::string(detail.size() > 1 ? ", " : "") + "\"" + key + "\": " + std::to_string(limit);
    }
    audit(tx, tenant_id, actor, "tenant.quota.set", before.slug, detail + "}");
    tenant = read_tenant(tx, tenant_id);
  });
  m_cache.remove({tenant_row_key(m_store.cache_tenant(tenant_id))});
  return tenant;
}

std::vector<UsageLine> TenantStore::usage(const std::string& tenant_id) {
  const std::string key = tenant_usage_key(m_store.cache_tenant(tenant_id));
  std::vector<double> counts;
  std::vector<long> limits;
  if (const auto cached = m_cache.get(key)) {
    const auto json = nlohmann::json::parse(*cached, nullptr, false);
    if (json.is_array() && json.size() == k_quota_fields.size() &&
        std::all_of(json.begin(), json.end(), [](const auto& item) { return item.is_number(); })) {
      counts = json.get<std::vector<double>>();
      const auto tenant = get(tenant_id);
      limits.assign(tenant.quotas.begin(), tenant.quotas.end());
    }
  }
  if (counts.empty()) {
    // Counts and limits in one statement, one round trip (dharma_tenant_usage, V012).
    auto usage = decode_tenant_usage(m_store.execute(tenant_usage_statement(tenant_id)));
    if (!usage) {
      throw util::Error("the tenant no longer exists", util::ExitCode::invalid_input);
    }
    counts = std::move(usage->used);
    limits = std::move(usage->limits);
    m_cache.set(key, nlohmann::json(counts).dump(), k_tenant_ttl);
  }
  std::vector<UsageLine> lines;
  for (std::size_t i = 0; i < k_quota_fields.size(); ++i) {
    lines.push_back({k_quota_fields[i].key, counts[i], limits[i]});
  }
  return lines;
}

}  // namespace dharma::state
