#pragma once
// One non-blocking PostgreSQL connection on the event loop (libpq).
//
// Connects with PQconnectStart/PQconnectPoll and sends each statement with
// PQsendQueryParams — the unnamed statement, never a named prepared one,
// which PgBouncer in transaction mode would hand to another server
// connection. The socket is watched with a uv_poll handle: writable while
// libpq still has bytes to flush, readable until the result is complete.
// One statement is in flight at a time (a VU waits for its answer). A
// broken connection fails its statement and must be reconnected.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dharma/loadtest/event_loop.hpp"

struct pg_conn;
struct pg_result;

namespace dharma::loadtest {

// The outcome of one statement, valid during the callback only.
class PgResult {
 public:
  PgResult(const pg_result* result, std::string error) : m_result(result), m_error(std::move(error)) {}
  bool ok() const { return m_error.empty(); }
  const std::string& error() const { return m_error; }
  int rows() const;
  int columns() const;
  bool is_null(int row, int column) const;
  std::string value(int row, int column) const;
  // The column named `name`, or -1.
  int column(const char* name) const;

 private:
  const pg_result* m_result;
  std::string m_error;
};

class PgConnection {
 public:
  using ConnectDone = std::function<void(const std::string& error)>;  // empty error: connected
  using QueryDone = std::function<void(const PgResult&)>;

  PgConnection(EventLoop& loop, std::string conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Starts connecting; `done` is called once, on the loop, within `timeout`.
  void connect(std::chrono::milliseconds timeout, ConnectDone done);
  bool connected() const { return m_state == State::ready || m_state == State::busy; }
  bool busy() const { return m_state == State::busy || m_state == State::connecting; }

  // Sends `sql` with text `params` (nullopt is SQL NULL). `done` is called once.
  // Without params it goes as a simple query: PgBouncer's admin console
  // (SHOW POOLS) speaks no other protocol.
  void query(const std::string& sql, const std::vector<std::optional<std::string>>& params, QueryDone done);

  // Drops the connection; a statement in flight fails with `reason`.
  void close(const std::string& reason);

 private:
  enum class State { idle, connecting, ready, busy, broken };
  struct Poll;

  void watch(int events);
  void on_socket(int status, int events);
  void continue_connect();
  void continue_query(int events);
  void finish_connect(const std::string& error);
  void finish_query(const pg_result* result, const std::string& error);
  void release_poll();

  EventLoop& m_loop;
  std::string m_conninfo;
  pg_conn* m_conn = nullptr;
  Poll* m_poll = nullptr;
  int m_socket = -1;
  State m_state = State::idle;
  ConnectDone m_connect_done;
  QueryDone m_query_done;
  Timer m_connect_timer;
};

}  // namespace dharma::loadtest
