#pragma once
// Entry points for `dharma cache stats|flush`.

#include <optional>
#include <string>

#include "dharma/api/command_context.hpp"
#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct CacheOptions {
  state::ConnectionFlags connection;
  std::string format = "text";        // stats: text or json
  std::optional<std::string> tenant;  // flush: --tenant SLUG; none = every key
};

// Prints hits, misses, hit rate, dharma's keys and memory. Exit 3 when Redis is unavailable.
int cache_stats(const CacheOptions& options, CommandContext& context);

// Removes dharma's keys: every one, or those of `tenant` (a slug, resolved
// through the state store). Exit 2 for an unknown tenant, 3 when Redis or
// PostgreSQL is unavailable.
int cache_flush(const CacheOptions& options, CommandContext& context);

}  // namespace dharma::api
