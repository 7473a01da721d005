#pragma once
// Entry points for `dharma cache stats|flush`.

#include <optional>
#include <string>

#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct CacheOptions {
  state::ConnectionFlags connection;
  std::string format = "text";  // stats: text or json
};

// Prints hits, misses, hit rate, dharma's keys and memory. Exit 3 when Redis is unavailable.
int cache_stats(const CacheOptions& options);

// Removes dharma's keys: every one, or those of tenant `tenant` (a slug,
// resolved through the state store). Exit 2 for an unknown tenant, 3 when
// Redis or PostgreSQL is unavailable.
int cache_flush(const CacheOptions& options, const std::optional<std::string>& tenant);

}  // namespace dharma::api
