#pragma once
// The Redis implementation of Cache (hiredis, synchronous).
//
// Failure model: connect and every command are bounded by timeouts. The first
// failure prints one warning (through `warn`) and marks the cache down; while
// down, operations return at once without touching the network. After
// `retry_after` the next operation tries to reconnect, so caching resumes by
// itself when Redis is back. Nothing here throws for an unavailable server.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "dharma/cache/cache.hpp"

struct redisContext;

namespace dharma::cache {

struct RedisOptions {
  std::chrono::milliseconds connect_timeout{500};
  std::chrono::milliseconds command_timeout{500};
  std::chrono::milliseconds retry_after{2000};
};

struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string password;
  int database = 0;
};

// Parses redis://[:password@]host[:port][/db]. Throws util::Error (exit 2) on a malformed URL.
RedisAddress parse_redis_url(const std::string& url);

class RedisCache final : public Cache {
 public:
  using WarningSink = std::function<void(const std::string&)>;

  RedisCache(std::string url, WarningSink warn, RedisOptions options = {});
  ~RedisCache() override;

  std::optional<std::string> get(const std::string& key) override;
  void set(const std::string& key, std::string_view value, std::chrono::seconds ttl) override;
  std::optional<std::int64_t> increment(const std::string& key, std::chrono::seconds ttl) override;
  void remove(const std::vector<std::string>& keys) override;
  std::int64_t remove_prefix(const std::string& prefix) override;
  CacheStats stats() override;

  // True when the last operation reached Redis.
  bool available() const { return m_context != nullptr; }

 private:
  struct ReplyDeleter {
    void operator()(void* reply) const;
  };
  using Reply = std::unique_ptr<void, ReplyDeleter>;

  bool ensure_connected();
  // Runs one command; nullptr when Redis is unavailable (and marks it down).
  Reply command(const std::vector<std::string>& arguments);
  void mark_down(const std::string& reason);

  std::string m_url;
  RedisAddress m_address;
  WarningSink m_warn;
  RedisOptions m_options;
  redisContext* m_context = nullptr;
  std::chrono::steady_clock::time_point m_retry_at{};
  bool m_warned = false;
};

}  // namespace dharma::cache
