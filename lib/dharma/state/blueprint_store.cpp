#include "dharma/state/blueprint_store.hpp"

#include <nlohmann/json.hpp>

#include "dharma/state/checksum.hpp"
#include "dharma/state/tenant_cache.hpp"
#include "dharma/util/error.hpp"

namespace dharma::state {
namespace {

constexpr std::chrono::seconds k_version_ttl{24 * 3600};
// Lists change with every new blueprint: short-lived, and removed by push.
constexpr std::chrono::seconds k_list_ttl{60};

// Keys take the tenant as the store names it for the cache (Store::cache_tenant).
std::string list_key(const std::string& tenant, const std::string& project) {
  return cache::tenant_key(tenant, "bplist", project.empty() ? "*all" : project);
}

// Locks the tenant row and fails with exit 4 when `table` already holds the quota.
void check_quota(pqxx::work& tx, const std::string& tenant_id, const std::string& table, const std::string& column,
                 const std::string& noun) {
  const auto limit = tx.exec_params1("SELECT " + column + " FROM tenants WHERE id = $1", tenant_id)[0].as<long>();
  const auto used = tx.exec("SELECT count(*) FROM " + table)[0][0].as<long>();
  if (used >= limit) {
    throw util::Error("quota exceeded (" + std::to_string(used) + "/" + std::to_string(limit) + " " + noun + ")",
                      util::ExitCode::refused);
  }
}

// Cached per version: everything but the content, which is cached by hash.
std::string metadata_to_cache(const BlueprintVersion& version) {
  return nlohmann::json{{"project", version.project},   {"name", version.name},
                        {"version", version.version},   {"content_hash", version.content_hash},
                        {"author", version.author},     {"created_at", version.created_at}}
      .dump();
}

// A version's metadata from the cache; nothing when the value has a shape
// this binary does not know (then it is a miss).
std::optional<BlueprintVersion> metadata_from_cache(const std::string& value) {
  const auto meta = nlohmann::json::parse(value, nullptr, false);
  try {
    BlueprintVersion version;
    version.project = meta.at("project");
    version.name = meta.at("name");
    version.version = meta.at("version");
    version.content_hash = meta.at("content_hash");
    version.author = meta.at("author");
    version.created_at = meta.at("created_at");
    return version;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::string reference_key(const std::string& tenant, const std::string& project, const std::string& name,
                          int version) {
  return cache::tenant_key(tenant, "bpref", project + "/" + name + "@" + std::to_string(version));
}

// Content is immutable and addressed by its SHA-256: the same bytes pushed as
// two blueprints (or two versions) share one entry. Source and resolved form
// are stored raw, under separate keys, so a pull never decodes what it does
// not print.
std::string source_key(const std::string& tenant, const std::string& hash) {
  return cache::tenant_key(tenant, "bpsrc", hash);
}

std::string resolved_key(const std::string& tenant, const std::string& hash) {
  return cache::tenant_key(tenant, "bpres", hash);
}

}  // namespace

PushOutcome BlueprintStore::push(const std::string& tenant_id, const BlueprintPush& request) {
  PushOutcome outcome;
  m_store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    outcome = PushOutcome{};
    tx.exec_params("SELECT 1 FROM tenants WHERE id = $1 FOR UPDATE", tenant_id);
    auto project = tx.exec_params("SELECT id FROM projects WHERE name = $1 AND deleted_at IS NULL", request.project);
    std::string project_id;
    if (project.empty()) {
      check_quota(tx, tenant_id, "projects WHERE deleted_at IS NULL", "max_projects", "projects");
      project_id = tx.exec_params1("INSERT INTO projects (tenant_id, name, created_by) VALUES ($1, $2, $3) RETURNING id",
                                   tenant_id, request.project, request.author)[0]
                       .as<std::string>();
    } else {
      project_id = project[0][0].as<std::string>();
    }
    auto blueprint = tx.exec_params(
        "SELECT b.id, b.latest_version, v.content_hash FROM blueprints b "
        "LEFT JOIN blueprint_versions v ON v.blueprint_id = b.id AND v.version = b.latest_version "
        "WHERE b.project_id = $1 AND b.name = $2",
        project_id, request.name);
    std::string blueprint_id;
    int latest = 0;
    // SHA-256 of the exact bytes: pull must return them unchanged.
    const std::string hash = sha256_hex(request.source);
    if (blueprint.empty()) {
      check_quota(tx, tenant_id, "blueprints", "max_blueprints", "blueprints");
      blueprint_id = tx.exec_params1(
                           "INSERT INTO blueprints (tenant_id, project_id, name, created_by) VALUES ($1, $2, $3, $4) "
                           "RETURNING id",
                           tenant_id, project_id, request.name, request.author)[0]
                         .as<std::string>();
    } else {
      blueprint_id = blueprint[0][0].as<std::string>();
      latest = blueprint[0][1].as<int>();
      if (!blueprint[0][2].is_null() && blueprint[0][2].as<std::string>() == hash) {
        outcome = PushOutcome{latest, hash, false};
        return;
      }
    }
    outcome = PushOutcome{latest + 1, hash, true};
    tx.exec_params(
        "INSERT INTO blueprint_versions (tenant_id, blueprint_id, version, content_hash, source_yaml, resolved_json, "
        "size_bytes, author) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)",
        tenant_id, blueprint_id, outcome.version, hash, request.source, request.resolved_json,
        static_cast<long>(request.source.size()), request.author);
    tx.exec_params("UPDATE blueprints SET latest_version = $2, updated_at = now() WHERE id = $1", blueprint_id,
                   outcome.version);
    tx.exec_params(
        "INSERT INTO audit_log (tenant_id, actor, action, target_type, target_id, detail) "
        "VALUES ($1, $2, 'blueprint.push', 'blueprint', $3, jsonb_build_object('version', $4::int, 'hash', $5::text))",
        tenant_id, request.author, request.project + "/" + request.name, outcome.version, hash);
  });
  if (outcome.created) {
    m_cache.remove({list_key(m_store.cache_tenant(tenant_id), request.project), list_key(m_store.cache_tenant(tenant_id), ""), tenant_usage_key(m_store.cache_tenant(tenant_id))});
  }
  return outcome;
}

std::optional<BlueprintVersion> BlueprintStore::pull_cached(const std::string& tenant_id, const std::string& project,
                                                            const std::string& name, int version,
                                                            PullContent content) {
  const auto metadata = m_cache.get(reference_key(m_store.cache_tenant(tenant_id), project, name, version));
  if (!metadata) {
    return std::nullopt;
  }
  auto found = metadata_from_cache(*metadata);
  if (!found || found->project != project || found->name != name || found->version != version) {
    return std::nullopt;
  }
  auto source = m_cache.get(source_key(m_store.cache_tenant(tenant_id), found->content_hash));
  if (!source) {
    return std::nullopt;
  }
  found->source = std::move(*source);
  if (content == PullContent::with_resolved) {
    auto resolved = m_cache.get(resolved_key(m_store.cache_tenant(tenant_id), found->content_hash));
    if (!resolved) {
      return std::nullopt;
    }
    found->resolved_json = std::move(*resolved);
  }
  return found;
}

BlueprintVersion BlueprintStore::pull(const std::string& tenant_id, const std::string& project,
                                      const std::string& name, std::optional<int> version, PullContent content) {
  if (version) {
    if (auto cached = pull_cached(tenant_id, project, name, *version, content)) {
      return std::move(*cached);
    }
  }
  std::optional<BlueprintVersion> found;
  const bool with_resolved = content == PullContent::with_resolved;
  // One statement, one round trip: dharma_blueprint_version (V011) sets the tenant itself.
  m_store.run_statement([&](pqxx::nontransaction& tx) {
    found.reset();
    const auto rows = tx.exec_params("SELECT * FROM dharma_blueprint_version($1, $2, $3, $4, $5)", tenant_id,
                                     project, name, version, with_resolved);
    if (!rows.empty()) {
      const auto& row = rows[0];
      found = BlueprintVersion{project,
                               name,
                               row[0].as<int>(),
                               row[1].as<std::string>(),
                               row[2].as<std::string>(),
                               with_resolved ? row[3].as<std::string>() : std::string(),
                               row[4].as<std::string>(),
                               row[5].as<std::string>()};
    }
  });
  if (!found) {
    throw util::Error("no blueprint " + project + "/" + name +
                      (version ? "@" + std::to_string(*version) : std::string()) + " in this tenant");
  }
  m_cache.set(source_key(m_store.cache_tenant(tenant_id), found->content_hash), found->source, k_version_ttl);
  if (with_resolved) {
    m_cache.set(resolved_key(m_store.cache_tenant(tenant_id), found->content_hash), found->resolved_json, k_version_ttl);
  }
  m_cache.set(reference_key(m_store.cache_tenant(tenant_id), project, name, found->version), metadata_to_cache(*found), k_version_ttl);
  return std::move(*found);
}

std::vector<BlueprintSummary> BlueprintStore::list(const std::string& tenant_id, const std::string& project) {
  std::vector<BlueprintSummary> summaries;
  const std::string key = list_key(m_store.cache_tenant(tenant_id), project);
  if (const auto cached = m_cache.get(key)) {
    const auto json = nlohmann::json::parse(*cached, nullptr, false);
    try {
      if (json.is_array()) {
        for (const auto& item : json) {
          summaries.push_back({item.at("project").get<std::string>(), item.at("name").get<std::string>(),
                               item.at("latest_version").get<int>(), item.at("updated_at").get<std::string>()});
        }
        return summaries;
      }
    } catch (const nlohmann::json::exception&) {
      summaries.clear();  // an unknown shape: a miss
    }
  }
  m_store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    summaries.clear();
    const auto rows = tx.exec_params(
        "SELECT p.name, b.name, b.latest_version, "
        "to_char(b.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
        "FROM blueprints b JOIN projects p ON p.id = b.project_id "
        "WHERE p.deleted_at IS NULL AND ($1 = '' OR p.name = $1) ORDER BY p.name, b.name",
        project);
    for (const auto& row : rows) {
      summaries.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int>(),
                           row[3].as<std::string>()});
    }
  });
  auto json = nlohmann::json::array();
  for (const auto& summary : summaries) {
    json.push_back({{"project", summary.project},
                    {"name", summary.name},
                    {"latest_version", summary.latest_version},
                    {"updated_at", summary.updated_at}});
  }
  m_cache.set(key, json.dump(), k_list_ttl);
  return summaries;
}

std::vector<BlueprintVersion> BlueprintStore::history(const std::string& tenant_id, const std::string& project,
                                                      const std::string& name) {
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
