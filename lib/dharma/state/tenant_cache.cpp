#include "dharma/state/tenant_cache.hpp"

#include <nlohmann/json.hpp>

#include "dharma/state/tenant_store.hpp"

namespace dharma::state {

std::string tenant_id_key(const std::string& database, const std::string& slug) {
  return cache::global_key("tenant-id", database + "/" + slug);
}

std::string tenant_row_key(const std::string& tenant) {
  return cache::tenant_key(tenant, "tenant", "row");
}

std::string tenant_usage_key(const std::string& tenant) {
  return cache::tenant_key(tenant, "tenant", "usage");
}

std::string tenant_to_cache(const Tenant& tenant) {
  return nlohmann::json{{"id", tenant.id},
                        {"slug", tenant.slug},
                        {"name", tenant.name},
                        {"region", tenant.region},
                        {"status", tenant.status},
                        {"created_at", tenant.created_at},
                        {"updated_at", tenant.updated_at},
                        {"quotas", tenant.quotas}}
      .dump();
}

std::optional<Tenant> tenant_from_cache(const std::string& value) {
  const auto json = nlohmann::json::parse(value, nullptr, false);
  try {
    Tenant tenant;
    tenant.id = json.at("id");
    tenant.slug = json.at("slug");
    tenant.name = json.at("name");
    tenant.region = json.at("region");
    tenant.status = json.at("status");
    tenant.created_at = json.at("created_at");
    tenant.updated_at = json.at("updated_at");
    const auto& quotas = json.at("quotas");
    if (!quotas.is_array() || quotas.size() != tenant.quotas.size()) {
      return std::nullopt;
    }
    for (std::size_t i = 0; i < tenant.quotas.size(); ++i) {
      tenant.quotas[i] = quotas[i].get<long>();
    }
    return tenant;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace dharma::state
