#pragma once
// `--no-cache`: a cache that is never read but still kept right.
//
// get() always misses, so every read goes to PostgreSQL, and set() stores
// nothing; remove(), remove_prefix() and increment() go to the real cache, so
// a write made with --no-cache still removes the entries it makes stale and
// API calls are still counted where other commands look for them.

#include "dharma/cache/cache.hpp"

namespace dharma::cache {

class BypassCache final : public Cache {
 public:
  explicit BypassCache(Cache& inner) : m_inner(inner) {}

  std::optional<std::string> get(const std::string&) override { return std::nullopt; }
  void set(const std::string&, std::string_view, std::chrono::seconds) override {}
  std::optional<std::int64_t> increment(const std::string& key, std::chrono::seconds ttl) override {
    return m_inner.increment(key, ttl);
  }
  void remove(const std::vector<std::string>& keys) override { m_inner.remove(keys); }
  std::int64_t remove_prefix(const std::string& prefix) override { return m_inner.remove_prefix(prefix); }
  CacheStats stats() override { return m_inner.stats(); }

 private:
  Cache& m_inner;
};

}  // namespace dharma::cache
