#pragma once
// The store request kinds, sent the way dharma's own Store and Cache code
// paths send them, but asynchronously: the same SQL statements
// (state/store_statements.hpp, one round trip each, on the VU's own
// connection through PgBouncer) and the same cache keys and value codecs
// (state/blueprint_cache.hpp, state/tenant_cache.hpp) over pipelined
// Redis connections shared by the VUs.
//
//   pull           cached pull of NAME@VERSION: two GETs; on a miss the
//                  V011 statement, then the two SETs pull makes
//   pull_uncached  the V011 statement alone (blueprint pull --no-cache)
//   list           the cached list, else the V012 list statement and SET
//   list_uncached  the V012 list statement alone (blueprint list --no-cache)
//   quota          the tenant's counts against its quotas (V012, uncached)
//   api_calls      what count_api_call does: INCR of the day's counter, the
//                  tenant row and PostgreSQL's count through the cache
//   api_calls_uncached  the V012 API-call statement alone, counting the
//                  call up in PostgreSQL (count_api_call's path while
//                  Redis is down, without its tenant-row read)
//   push           a new version of "pushed" (V012 push statement), then
//                  the cache keys a push removes
//   price          the AWS price catalog through the cache (GET, decode)

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "dharma/loadtest/event_loop.hpp"
#include "dharma/loadtest/request_driver.hpp"

namespace dharma::loadtest {

struct StoreTarget {
  std::string database_url;  // through PgBouncer, application role
  std::string redis_url;
  std::string cache_scope;  // Store::cache_scope() of database_url
  std::string price_key;    // the AWS catalog's cache key, and its encoded value
  std::string price_value;
  std::string price_file;
  std::chrono::milliseconds connect_timeout{5000};
  int redis_connections = 4;
};

class StoreRequests final : public RequestDriver {
 public:
  StoreRequests(EventLoop& loop, StoreTarget target);
  ~StoreRequests() override;

  // Connects the shared Redis connections; `done` with the first error, if any.
  void connect_redis(std::function<void(const std::string& error)> done);
  // Frees the Redis connections (pending replies fail) while their callers still exist.
  void shutdown();

  void prepare_vu(VirtualUser& vu, std::function<void(const std::string& error)> done) override;
  bool needs_prepare(const VirtualUser& vu) const override;
  void send(VirtualUser& vu, const RequestSpec& request, RequestDone done) override;
  void abandon(VirtualUser& vu) override;

 private:
  void pull(VirtualUser& vu, RequestDone done);
  void pull_from_store(VirtualUser& vu, CacheUse cache, RequestDone done);
  void pull_uncached(VirtualUser& vu, RequestDone done);
  void list_uncached(VirtualUser& vu, RequestDone done);
  void api_calls_uncached(VirtualUser& vu, RequestDone done);
  void list(VirtualUser& vu, RequestDone done);
  void quota(VirtualUser& vu, RequestDone done);
  void api_calls(VirtualUser& vu, RequestDone done);
  void push(VirtualUser& vu, RequestDone done);
  void price(VirtualUser& vu, RequestDone done);

  EventLoop& m_loop;
  StoreTarget m_target;
  std::vector<std::unique_ptr<RedisConnection>> m_redis;
};

}  // namespace dharma::loadtest
