#include "dharma/loadtest/redis_connection.hpp"

#include <memory>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wcast-align"
#include <hiredis/adapters/libuv.h>
#pragma GCC diagnostic pop

#include "dharma/cache/redis_cache.hpp"

namespace dharma::loadtest {

struct RedisConnection::Pending {
  RedisConnection* owner;
  Done done;
};

RedisConnection::RedisConnection(EventLoop& loop, std::string url) : m_loop(loop), m_url(std::move(url)) {}

RedisConnection::~RedisConnection() {
  if (m_context != nullptr) {
    m_context->data = nullptr;
    // Pending callbacks run with a null reply; their owner pointer is still valid here.
    redisAsyncFree(m_context);
    m_context = nullptr;
  }
}

void RedisConnection::connect(ConnectDone done) {
  const auto address = cache::parse_redis_url(m_url);
  m_connect_done = std::move(done);
  m_context = redisAsyncConnect(address.host.c_str(), address.port);
  if (m_context == nullptr || m_context->err != 0) {
    const std::string error = m_context != nullptr ? m_context->errstr : "out of memory";
    if (m_context != nullptr) {
      redisAsyncFree(m_context);
      m_context = nullptr;
    }
    auto callback = std::move(m_connect_done);
    callback(error);
    return;
  }
  m_context->data = this;
  redisLibuvAttach(m_context, m_loop.raw());
  redisAsyncSetConnectCallback(m_context, &RedisConnection::on_connect);
  redisAsyncSetDisconnectCallback(m_context, &RedisConnection::on_disconnect);
  // Sent ahead of every command (pipelined): they run first once connected.
  if (!address.password.empty()) {
    command({"AUTH", address.password}, [](const RedisReply&) {});
  }
  if (address.database != 0) {
    command({"SELECT", std::to_string(address.database)}, [](const RedisReply&) {});
  }
}

void RedisConnection::on_connect(const redisAsyncContext* context, int status) {
  auto* self = static_cast<RedisConnection*>(context->data);
  if (self == nullptr) {
    return;
  }
  std::string error;
  if (status != REDIS_OK) {
    error = context->errstr;
    // hiredis frees the context after a failed connect.
    self->m_context = nullptr;
  } else {
    self->m_connected = true;
  }
  if (auto done = std::move(self->m_connect_done)) {
    self->m_connect_done = nullptr;
    done(error);
  }
}

void RedisConnection::on_disconnect(const redisAsyncContext* context, int) {
  auto* self = static_cast<RedisConnection*>(context->data);
  if (self != nullptr) {
    self->m_connected = false;
    self->m_context = nullptr;  // hiredis frees it after this callback
  }
}

void RedisConnection::command(const std::vector<std::string>& arguments, Done done) {
  if (m_context == nullptr) {
    done(RedisReply{false, "redis not connected", false, {}, {}});
    return;
  }
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const auto& argument : arguments) {
    argv.push_back(argument.data());
    lengths.push_back(argument.size());
  }
  auto* pending = new Pending{this, std::move(done)};
  if (redisAsyncCommandArgv(m_context, &RedisConnection::on_reply, pending, static_cast<int>(argv.size()),
                            argv.data(), lengths.data()) != REDIS_OK) {
    auto callback = std::move(pending->done);
    delete pending;
    callback(RedisReply{false, "redis command not sent", false, {}, {}});
  }
}

void RedisConnection::on_reply(redisAsyncContext*, void* raw, void* privdata) {
  std::unique_ptr<Pending> pending(static_cast<Pending*>(privdata));
  RedisReply result;
  const auto* reply = static_cast<const redisReply*>(raw);
  if (reply == nullptr) {
    result.error = "redis connection lost";
  } else if (reply->type == REDIS_REPLY_ERROR) {
    result.error = std::string(reply->str, reply->len);
  } else {
    result.ok = true;
    result.nil = reply->type == REDIS_REPLY_NIL;
    if (reply->type == REDIS_REPLY_STRING || reply->type == REDIS_REPLY_STATUS) {
      result.text = std::string(reply->str, reply->len);
    } else if (reply->type == REDIS_REPLY_INTEGER) {
      result.integer = reply->integer;
    }
  }
  if (pending->done) {
    pending->done(result);
  }
}

}  // namespace dharma::loadtest
