#pragma once
// The cache in front of the state store. Redis is never the source of truth:
// every read that misses (or finds the cache unavailable) falls back to
// PostgreSQL, and every write that changes cached data removes the affected
// keys. So an implementation may fail silently: get() returns nothing and
// set()/remove() do nothing while the cache is unavailable.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dharma::cache {

struct CacheStats {
  bool available = false;
  std::int64_t hits = 0;  // server-wide keyspace hits since the server started
  std::int64_t misses = 0;
  std::int64_t keys = 0;  // dharma's keys (the k_namespace prefix)
  std::int64_t memory_bytes = 0;
  std::string server;  // masked URL, or "none"
};

class Cache {
 public:
  virtual ~Cache() = default;

  // The value under `key`, or nothing on a miss or when the cache is unavailable.
  virtual std::optional<std::string> get(const std::string& key) = 0;
  // Stores `value` under `key` for `ttl`.
  virtual void set(const std::string& key, std::string_view value, std::chrono::seconds ttl) = 0;
  // Adds 1 to the counter under `key` (created with `ttl`); its new value, or
  // nothing when the cache is unavailable.
  virtual std::optional<std::int64_t> increment(const std::string& key, std::chrono::seconds ttl) = 0;
  // Removes `keys`.
  virtual void remove(const std::vector<std::string>& keys) = 0;
  // Removes every key starting with `prefix`; returns how many.
  virtual std::int64_t remove_prefix(const std::string& prefix) = 0;
  virtual CacheStats stats() = 0;
};

// A cache that holds nothing: every get() misses.
class NullCache final : public Cache {
 public:
  std::optional<std::string> get(const std::string&) override { return std::nullopt; }
  void set(const std::string&, std::string_view, std::chrono::seconds) override {}
  std::optional<std::int64_t> increment(const std::string&, std::chrono::seconds) override {
    return std::nullopt;
  }
  void remove(const std::vector<std::string>&) override {}
  std::int64_t remove_prefix(const std::string&) override { return 0; }
  CacheStats stats() override { return CacheStats{false, 0, 0, 0, 0, "none"}; }
};

// Every dharma key starts with this; the version changes whenever the shape
// of a cached value changes, so a new binary never reads an old shape.
inline constexpr std::string_view k_namespace = "dharma:v1:";

// "dharma:v1:t:<tenant>:<kind>:<id>": a key that belongs to one tenant.
std::string tenant_key(std::string_view tenant, std::string_view kind, std::string_view id);
// "dharma:v1:t:<tenant>:": every key of a tenant (for invalidation and flush).
std::string tenant_prefix(std::string_view tenant);
// "dharma:v1:g:<kind>:<id>": a key shared by all tenants (price catalogs).
std::string global_key(std::string_view kind, std::string_view id);

}  // namespace dharma::cache
