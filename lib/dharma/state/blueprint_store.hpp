#pragma once
// Blueprints in the state store: immutable versions per (tenant, project,
// name), read through the cache.
//
// push: in one transaction for the tenant — lock the tenant row (so
// concurrent pushes of the same tenant serialise and quotas cannot be
// overrun), create the project and blueprint when new (each checked against
// its quota), add a version only when the content hash differs from the
// latest, and write the audit row. pull: a version's content never changes,
// so its source and resolved form are cached raw by content hash with a long
// TTL; which hash (and author, time) a NAME@VERSION has is cached the same
// way; "latest" always asks PostgreSQL, in one statement (V011). list is
// cached for 60 s per (tenant, project) and removed by a push that stores a
// new version, as is the tenant's usage (tenant_cache.hpp).

#include <optional>
#include <string>
#include <vector>

#include "dharma/cache/cache.hpp"
#include "dharma/state/store.hpp"

namespace dharma::state {

struct BlueprintPush {
  std::string project;
  std::string name;
  std::string source;         // the file exactly as pushed
  std::string resolved_json;  // the resolved form
  std::string author;
};

struct PushOutcome {
  int version = 0;
  std::string content_hash;
  bool created = false;  // false: identical to the latest version, nothing stored
};

struct BlueprintVersion {
  std::string project;
  std::string name;
  int version = 0;
  std::string content_hash;
  std::string source;
  std::string resolved_json;
  std::string author;
  std::string created_at;
};

struct BlueprintSummary {
  std::string project;
  std::string name;
  int latest_version = 0;
  std::string updated_at;
};

// What a pull returns besides the metadata: the source always; the resolved
// form only when asked (diff needs it, pull does not print it).
enum class PullContent { source, with_resolved };

class BlueprintStore {
 public:
  BlueprintStore(Store& store, cache::Cache& cache) : m_store(store), m_cache(cache) {}

  // Stores a new version when the content changed. Throws util::Error exit 4
  // "quota exceeded (N/N projects|blueprints)" when a new project or
  // blueprint would exceed the tenant's quota.
  PushOutcome push(const std::string& tenant_id, const BlueprintPush& request);

  // One version (the latest when `version` is empty). Throws util::Error
  // (exit 2) when the blueprint or version does not exist for this tenant.
  BlueprintVersion pull(const std::string& tenant_id, const std::string& project, const std::string& name,
                        std::optional<int> version, PullContent content = PullContent::source);

  // The tenant's blueprints (of `project` when not empty), ordered by project and name.
  std::vector<BlueprintSummary> list(const std::string& tenant_id, const std::string& project);

  // Every version of one blueprint, oldest first, without source or resolved
  // form. Throws util::Error (exit 2) when the blueprint does not exist.
  std::vector<BlueprintVersion> history(const std::string& tenant_id, const std::string& project,
                                        const std::string& name);

 private:
  // NAME@VERSION from the cache alone, or nothing on any miss.
  std::optional<BlueprintVersion> pull_cached(const std::string& tenant_id, const std::string& project,
                                              const std::string& name, int version, PullContent content);

  Store& m_store;
  cache::Cache& m_cache;
};

}  // namespace dharma::state
