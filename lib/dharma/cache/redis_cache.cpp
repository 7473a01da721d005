#include "dharma/cache/redis_cache.hpp"

#include <hiredis/hiredis.h>

#include <cstdlib>

#include "dharma/util/connection_url.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::cache {
namespace {

timeval to_timeval(std::chrono::milliseconds duration) {
  timeval tv{};
  tv.tv_sec = static_cast<decltype(tv.tv_sec)>(duration.count() / 1000);
  tv.tv_usec = static_cast<decltype(tv.tv_usec)>((duration.count() % 1000) * 1000);
  return tv;
}

redisReply* as_reply(void* reply) {
  return static_cast<redisReply*>(reply);
}

// The value of `field` in an INFO section ("field:value" lines), or 0.
std::int64_t info_field(const std::string& info, const std::string& field) {
  const auto pos = info.find(field + ":");
  if (pos == std::string::npos) {
    return 0;
  }
  return std::strtoll(info.c_str() + pos + field.size() + 1, nullptr, 10);
}

}  // namespace

RedisAddress parse_redis_url(const std::string& url) {
  const std::string masked = util::mask_password(url);
  if (!util::starts_with(url, "redis://")) {
    throw util::Error("Redis URL " + util::quoted(masked) + " must start with redis://");
  }
  RedisAddress address;
  std::string rest = url.substr(8);
  if (const auto at = rest.rfind('@'); at != std::string::npos) {
    const std::string userinfo = rest.substr(0, at);
    const auto colon = userinfo.find(':');
    address.password = colon == std::string::npos ? userinfo : userinfo.substr(colon + 1);
    rest = rest.substr(at + 1);
  }
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    const std::string db = rest.substr(slash + 1);
    if (!db.empty()) {
      char* end = nullptr;
      const long value = std::strtol(db.c_str(), &end, 10);
      if (*end != '\0' || value < 0 || value > 1000) {
        throw util::Error("Redis URL " + util::quoted(masked) + " has an invalid database number");
      }
      address.database = static_cast<int>(value);
    }
    rest = rest.substr(0, slash);
  }
  if (const auto colon = rest.rfind(':'); colon != std::string::npos) {
    char* end = nullptr;
    const long port = std::strtol(rest.c_str() + colon + 1, &end, 10);
    if (*end != '\0' || port <= 0 || port > 65535) {
      throw util::Error("Redis URL " + util::quoted(masked) + " has an invalid port");
    }
    address.port = static_cast<int>(port);
    rest = rest.substr(0, colon);
  }
  if (!rest.empty()) {
    address.host = rest;
  }
  return address;
}

void RedisCache::ReplyDeleter::operator()(void* reply) const {
  if (reply != nullptr) {
    freeReplyObject(reply);
  }
}

RedisCache::RedisCache(std::string url, WarningSink warn, RedisOptions options)
    : m_url(std::move(url)), m_address(parse_redis_url(m_url)), m_warn(std::move(warn)), m_options(options) {}

RedisCache::~RedisCache() {
  if (m_context != nullptr) {
    redisFree(m_context);
  }
}

void RedisCache::mark_down(const std::string& reason) {
  if (m_context != nullptr) {
    redisFree(m_context);
    m_context = nullptr;
  }
  m_retry_at = std::chrono::steady_clock::now() + m_options.retry_after;
  if (!m_warned) {
    m_warned = true;
    m_warn("Redis at " + util::mask_password(m_url) + " is unavailable (" + reason +
           "); continuing without the cache");
  }
}

bool RedisCache::ensure_connected() {
  if (m_context != nullptr) {
    return true;
  }
  if (std::chrono::steady_clock::now() < m_retry_at) {
    return false;
  }
  redisContext* context =
      redisConnectWithTimeout(m_address.host.c_str(), m_address.port, to_timeval(m_options.connect_timeout));
  if (context == nullptr || context->err != 0) {
    const std::string reason = context != nullptr ? context->errstr : "out of memory";
    if (context != nullptr) {
      redisFree(context);
    }
    mark_down(reason);
    return false;
  }
  redisSetTimeout(context, to_timeval(m_options.command_timeout));
  m_context = context;
  if (!m_address.password.empty() && !command({"AUTH", m_address.password})) {
    return false;
  }
  if (m_address.database != 0 && !command({"SELECT", std::to_string(m_address.database)})) {
    return false;
  }
  return true;
}

RedisCache::Reply RedisCache::command(const std::vector<std::string>& arguments) {
  if (m_context == nullptr && !ensure_connected()) {
    return nullptr;
  }
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const auto& argument : arguments) {
    argv.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  Reply reply(redisCommandArgv(m_context, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  if (!reply) {
    mark_down(m_context->errstr);
    return nullptr;
  }
  if (as_reply(reply.get())->type == REDIS_REPLY_ERROR) {
    // A server-side error (wrong password, OOM) makes the cache unusable too.
    mark_down(std::string(as_reply(reply.get())->str, as_reply(reply.get())->len));
    return nullptr;
  }
  if (m_warned) {
    m_warned = false;  // back: warn again if it goes away again
  }
  return reply;
}

std::optional<std::string> RedisCache::get(const std::string& key) {
  const Reply reply = command({"GET", key});
  if (!reply || as_reply(reply.get())->type != REDIS_REPLY_STRING) {
    return std::nullopt;
  }
  return std::string(as_reply(reply.get())->str, as_reply(reply.get())->len);
}

void RedisCache::set(const std::string& key, std::string_view value, std::chrono::seconds ttl) {
  command({"SET", key, std::string(value), "EX", std::to_string(std::max<std::int64_t>(1, ttl.count()))});
}

std::optional<std::int64_t> RedisCache::increment(const std::string& key, std::chrono::seconds ttl) {
  const Reply reply = command({"INCR", key});
  if (!reply || as_reply(reply.get())->type != REDIS_REPLY_INTEGER) {
    return std::nullopt;
  }
  const std::int64_t value = as_reply(reply.get())->integer;
  if (value == 1) {
    command({"EXPIRE", key, std::to_string(std::max<std::int64_t>(1, ttl.count()))});
  }
  return value;
}

void RedisCache::remove(const std::vector<std::string>& keys) {
  if (keys.empty()) {
    return;
  }
  std::vector<std::string> arguments{"UNLINK"};
  arguments.insert(arguments.end(), keys.begin(), keys.end());
  command(arguments);
}

std::int64_t RedisCache::remove_prefix(const std::string& prefix) {
  std::int64_t removed = 0;
  std::string cursor = "0";
  do {
    const Reply reply = command({"SCAN", cursor, "MATCH", prefix + "*", "COUNT", "500"});
    if (!reply) {
      return removed;
    }
    const redisReply* scan = as_reply(reply.get());
    if (scan->type != REDIS_REPLY_ARRAY || scan->elements != 2) {
      return removed;
    }
    cursor.assign(scan->element[0]->str, scan->element[0]->len);
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < scan->element[1]->elements; ++i) {
      keys.emplace_back(scan->element[1]->element[i]->str, scan->element[1]->element[i]->len);
    }
    removed += static_cast<std::int64_t>(keys.size());
    remove(keys);
  } while (cursor != "0");
  return removed;
}

CacheStats RedisCache::stats() {
  CacheStats stats;
  stats.server = util::mask_password(m_url);
  const Reply info = command({"INFO"});
  if (!info || as_reply(info.get())->type != REDIS_REPLY_STRING) {
    return stats;
  }
  const std::string text(as_reply(info.get())->str, as_reply(info.get())->len);
  stats.available = true;
  stats.hits = info_field(text, "keyspace_hits");
  stats.misses = info_field(text, "keyspace_misses");
  stats.memory_bytes = info_field(text, "used_memory");
  std::string cursor = "0";
  do {
    const Reply reply = command({"SCAN", cursor, "MATCH", std::string(k_namespace) + "*", "COUNT", "1000"});
    if (!reply || as_reply(reply.get())->type != REDIS_REPLY_ARRAY) {
      break;
    }
    const redisReply* scan = as_reply(reply.get());
    cursor.assign(scan->element[0]->str, scan->element[0]->len);
    stats.keys += static_cast<std::int64_t>(scan->element[1]->elements);
  } while (cursor != "0");
  return stats;
}

}  // namespace dharma::cache
