#pragma once
// A virtual user: one client of the system under test with its own
// connection through PgBouncer (store targets) or its own kept-alive HTTP
// connection, bound to one prepared tenant. VUs hold no thread: the engine
// starts a request on a VU and the VU calls back when it is done.

#include <cstdint>
#include <memory>

#include "dharma/loadtest/http_client.hpp"
#include "dharma/loadtest/pg_connection.hpp"
#include "dharma/loadtest/redis_connection.hpp"

namespace dharma::loadtest {

struct TenantFixture;

struct VirtualUser {
  int index = 0;
  const TenantFixture* tenant = nullptr;
  std::unique_ptr<PgConnection> pg;           // store targets
  RedisConnection* redis = nullptr;           // shared, pipelined
  std::unique_ptr<HttpClient::Handle> http;   // http targets
  std::uint64_t iteration = 0;                // counts requests; stale callbacks compare it
  std::uint64_t pushes = 0;                   // makes each push a new version
  bool busy = false;
  bool active = false;                        // closed model: within the current VU target
};

}  // namespace dharma::loadtest
