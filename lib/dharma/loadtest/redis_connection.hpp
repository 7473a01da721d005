#pragma once
// One asynchronous Redis connection on the event loop (hiredis async with
// its libuv adapter). Commands are pipelined: many VUs share a few
// connections, and replies come back in order. While the connection is down
// every command fails at once; reconnect() starts over.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dharma/loadtest/event_loop.hpp"

struct redisAsyncContext;

namespace dharma::loadtest {

struct RedisReply {
  bool ok = false;            // the server answered with something other than an error
  std::string error;          // when !ok
  bool nil = false;           // a missing key
  std::optional<std::string> text;   // a string or status reply
  std::optional<std::int64_t> integer;
};

class RedisConnection {
 public:
  using Done = std::function<void(const RedisReply&)>;
  using ConnectDone = std::function<void(const std::string& error)>;

  // `url` as cache::parse_redis_url reads it (redis://[:password@]host[:port][/db]).
  RedisConnection(EventLoop& loop, std::string url);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  void connect(ConnectDone done);
  bool connected() const { return m_connected; }
  void command(const std::vector<std::string>& arguments, Done done);

 private:
  struct Pending;
  static void on_connect(const redisAsyncContext* context, int status);
  static void on_disconnect(const redisAsyncContext* context, int status);
  static void on_reply(redisAsyncContext* context, void* reply, void* privdata);

  EventLoop& m_loop;
  std::string m_url;
  redisAsyncContext* m_context = nullptr;
  bool m_connected = false;
  ConnectDone m_connect_done;
};

}  // namespace dharma::loadtest
