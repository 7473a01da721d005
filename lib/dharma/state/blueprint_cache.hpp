#pragma once
// How blueprints sit in the cache: the keys and the encoded values that
// BlueprintStore reads and writes, public so the loadtest engine (async
// Redis) reads exactly what `blueprint pull` reads.
//
// A cached pull of NAME@VERSION is two GETs: the reference key gives the
// version's metadata (blueprint_metadata_from_cache; a value that does not
// decode or names another project/name/version is a miss), then the source
// key of its content hash gives the source, stored raw (the resolved form
// likewise, under its own key, when asked). `tenant` in every key is
// Store::cache_tenant(id). Lists are cached per (tenant, project) for
// k_blueprint_list_ttl and removed by a push that stores a new version.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "dharma/state/blueprint_store.hpp"

namespace dharma::state {

inline constexpr std::chrono::seconds k_blueprint_version_ttl{24 * 3600};
inline constexpr std::chrono::seconds k_blueprint_list_ttl{60};

std::string blueprint_reference_key(const std::string& tenant, const std::string& project,
                                    const std::string& name, int version);
std::string blueprint_source_key(const std::string& tenant, const std::string& content_hash);
std::string blueprint_resolved_key(const std::string& tenant, const std::string& content_hash);
// The list of `project` (every project when empty).
std::string blueprint_list_key(const std::string& tenant, const std::string& project);

// A version's metadata (everything but source and resolved form).
std::string blueprint_metadata_to_cache(const BlueprintVersion& version);
// The metadata in `value` when it has the shape above and names
// project/name@version; nothing otherwise (a miss).
std::optional<BlueprintVersion> blueprint_metadata_from_cache(const std::string& value,
                                                              const std::string& project,
                                                              const std::string& name, int version);

std::string blueprint_list_to_cache(const std::vector<BlueprintSummary>& summaries);
std::optional<std::vector<BlueprintSummary>> blueprint_list_from_cache(const std::string& value);

}  // namespace dharma::state
