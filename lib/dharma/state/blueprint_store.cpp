#include "dharma/state/blueprint_store.hpp"

#include "dharma/state/blueprint_cache.hpp"
#include "dharma/state/store_statements.hpp"
#include "dharma/state/tenant_cache.hpp"
#include "dharma/util/error.hpp"

namespace dharma::state {

PushOutcome BlueprintStore::push(const std::string& tenant_id, const BlueprintPush& request) {
  // One statement, one transaction (dharma_blueprint_push, V012): the tenant
  // row locked, quotas checked, the version and audit row written.
  const PushOutcome outcome =
      decode_blueprint_push(m_store.execute(blueprint_push_statement(tenant_id, request)));
  if (outcome.created) {
    const std::string tenant = m_store.cache_tenant(tenant_id);
    m_cache.remove({blueprint_list_key(tenant, request.project), blueprint_list_key(tenant, ""),
                    tenant_usage_key(tenant)});
  }
  return outcome;
}

std::optional<BlueprintVersion> BlueprintStore::pull_cached(const std::string& tenant_id,
                                                            const std::string& project,
                                                            const std::string& name, int version,
                                                            PullContent content) {
  const std::string tenant = m_store.cache_tenant(tenant_id);
  const auto metadata = m_cache.get(blueprint_reference_key(tenant, project, name, version));
  if (!metadata) {
    return std::nullopt;
  }
  auto found = blueprint_metadata_from_cache(*metadata, project, name, version);
  if (!found) {
    return std::nullopt;
  }
  auto source = m_cache.get(blueprint_source_key(tenant, found->content_hash));
  if (!source) {
    return std::nullopt;
  }
  found->source = std::move(*source);
  if (content == PullContent::with_resolved) {
    auto resolved = m_cache.get(blueprint_resolved_key(tenant, found->content_hash));
    if (!resolved) {
      return std::nullopt;
    }
    found->resolved_json = std::move(*resolved);
  }
  return found;
}

BlueprintVersion BlueprintStore::pull(const std::string& tenant_id, const std::string& project,
                                      const std::string& name, std::optional<int> version,
                                      PullContent content) {
  if (version) {
    if (auto cached = pull_cached(tenant_id, project, name, *version, content)) {
      return std::move(*cached);
    }
  }
  // One statement, one round trip: dharma_blueprint_version (V011) sets the tenant itself.
  auto found = decode_blueprint_version(
      m_store.execute(blueprint_version_statement(tenant_id, project, name, version, content)), project, name,
      content);
  if (!found) {
    throw util::Error("no blueprint " + project + "/" + name +
                      (version ? "@" + std::to_string(*version) : std::string()) + " in this tenant");
  }
  const std::string tenant = m_store.cache_tenant(tenant_id);
  m_cache.set(blueprint_source_key(tenant, found->content_hash), found->source, k_blueprint_version_ttl);
  if (content == PullContent::with_resolved) {
    m_cache.set(blueprint_resolved_key(tenant, found->content_hash), found->resolved_json,
                k_blueprint_version_ttl);
  }
  m_cache.set(blueprint_reference_key(tenant, project, name, found->version),
              blueprint_metadata_to_cache(*found), k_blueprint_version_ttl);
  return std::move(*found);
}

std::vector<BlueprintSummary> BlueprintStore::list(const std::string& tenant_id, const std::string& project) {
  const std::string key = blueprint_list_key(m_store.cache_tenant(tenant_id), project);
  if (const auto cached = m_cache.get(key)) {
    if (auto summaries = blueprint_list_from_cache(*cached)) {
      return std::move(*summaries);
    }
  }
  // One statement, one round trip (dharma_blueprint_list, V012).
  auto summaries = decode_blueprint_list(m_store.execute(blueprint_list_statement(tenant_id, project)));
  m_cache.set(key, blueprint_list_to_cache(summaries), k_blueprint_list_ttl);
  return summaries;
}

std::vector<BlueprintVersion> BlueprintStore::history(const std::string& tenant_id,
                                                      const std::string& project, const std::string& name) {
  std::vector<BlueprintVersion> versions;
  m_store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    versions.clear();
    const auto rows = tx.exec_params(
        "SELECT v.version, v.content_hash, v.author, "
        "to_char(v.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
        "FROM blueprint_versions v JOIN blueprints b ON b.id = v.blueprint_id "
        "JOIN projects p ON p.id = b.project_id "
        "WHERE p.name = $1 AND b.name = $2 AND p.deleted_at IS NULL ORDER BY v.version",
        project, name);
    for (const auto& row : rows) {
      versions.push_back({project, name, row[0].as<int>(), row[1].as<std::string>(), "", "",
                          row[2].as<std::string>(), row[3].as<std::string>()});
    }
  });
  if (versions.empty()) {
    throw util::Error("no blueprint " + project + "/" + name + " in this tenant");
  }
  return versions;
}

}  // namespace dharma::state
