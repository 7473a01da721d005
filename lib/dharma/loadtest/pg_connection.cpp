#include "dharma/loadtest/pg_connection.hpp"

#include <libpq-fe.h>

namespace dharma::loadtest {

struct PgConnection::Poll {
  uv_poll_t handle{};
  PgConnection* owner = nullptr;
};

int PgResult::rows() const { return m_result != nullptr ? PQntuples(m_result) : 0; }
int PgResult::columns() const { return m_result != nullptr ? PQnfields(m_result) : 0; }
bool PgResult::is_null(int row, int column) const { return PQgetisnull(m_result, row, column) != 0; }
std::string PgResult::value(int row, int column) const {
  return std::string(PQgetvalue(m_result, row, column), static_cast<std::size_t>(PQgetlength(m_result, row, column)));
}

int PgResult::column(const char* name) const { return m_result != nullptr ? PQfnumber(m_result, name) : -1; }

PgConnection::PgConnection(EventLoop& loop, std::string conninfo)
    : m_loop(loop), m_conninfo(std::move(conninfo)), m_connect_timer(loop) {}

PgConnection::~PgConnection() {
  m_connect_done = nullptr;
  m_query_done = nullptr;
  release_poll();
  if (m_conn != nullptr) {
    PQfinish(m_conn);
  }
}

void PgConnection::release_poll() {
  if (m_poll != nullptr) {
    uv_poll_stop(&m_poll->handle);
    m_poll->owner = nullptr;
    close_and_free(reinterpret_cast<uv_handle_t*>(&m_poll->handle), m_poll);
    m_poll = nullptr;
    m_socket = -1;
  }
}

void PgConnection::watch(int events) {
  const int socket = PQsocket(m_conn);
  if (socket < 0) {
    return;
  }
  // libpq may open a new socket while connecting (another address): follow it.
  if (m_poll != nullptr && socket != m_socket) {
    release_poll();
  }
  if (m_poll == nullptr) {
    m_poll = new Poll;
    m_poll->owner = this;
    uv_poll_init_socket(m_loop.raw(), &m_poll->handle, socket);
    m_poll->handle.data = m_poll;
    m_socket = socket;
  }
  uv_poll_start(&m_poll->handle, events, [](uv_poll_t* handle, int status, int ready) {
    auto* poll = static_cast<Poll*>(handle->data);
    if (poll->owner != nullptr) {
      poll->owner->on_socket(status, ready);
    }
  });
}

void PgConnection::connect(std::chrono::milliseconds timeout, ConnectDone done) {
  close("reconnecting");
  if (m_conn != nullptr) {
    PQfinish(m_conn);
    m_conn = nullptr;
  }
  m_connect_done = std::move(done);
  m_state = State::connecting;
  m_conn = PQconnectStart(m_conninfo.c_str());
  if (m_conn == nullptr || PQstatus(m_conn) == CONNECTION_BAD) {
    finish_connect(m_conn != nullptr ? PQerrorMessage(m_conn) : "out of memory");
    return;
  }
  PQsetnonblocking(m_conn, 1);
  m_connect_timer.start(timeout, [this, timeout] {
    finish_connect("connection timed out after " + std::to_string(timeout.count()) + " ms");
  });
  continue_connect();
}

void PgConnection::continue_connect() {
  switch (PQconnectPoll(m_conn)) {
    case PGRES_POLLING_READING:
      watch(UV_READABLE);
      return;
    case PGRES_POLLING_WRITING:
      watch(UV_WRITABLE);
      return;
    case PGRES_POLLING_OK:
      finish_connect("");
      return;
    default:
      finish_connect(PQerrorMessage(m_conn));
      return;
  }
}

void PgConnection::finish_connect(const std::string& error) {
  m_connect_timer.stop();
  if (error.empty()) {
    m_state = State::ready;
    if (m_poll != nullptr) {
      uv_poll_stop(&m_poll->handle);
    }
  } else {
    m_state = State::broken;
    release_poll();
  }
  if (auto done = std::move(m_connect_done)) {
    m_connect_done = nullptr;
    std::string message = error;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    done(message);
  }
}

void PgConnection::query(const std::string& sql, const std::vector<std::optional<std::string>>& params,
                         QueryDone done) {
  if (m_state != State::ready) {
    done(PgResult(nullptr, "not connected"));
    return;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) {
    values.push_back(param ? param->c_str() : nullptr);
  }
  const int sent = values.empty() ? PQsendQuery(m_conn, sql.c_str())
                                  : PQsendQueryParams(m_conn, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                                      values.data(), nullptr, nullptr, 0);
  if (sent == 0) {
    m_state = State::broken;
    done(PgResult(nullptr, PQerrorMessage(m_conn)));
    return;
  }
  m_query_done = std::move(done);
  m_state = State::busy;
  continue_query(UV_WRITABLE);
}

void PgConnection::continue_query(int events) {
  if ((events & UV_WRITABLE) != 0) {
    const int flushed = PQflush(m_conn);
    if (flushed < 0) {
      finish_query(nullptr, PQerrorMessage(m_conn));
      return;
    }
    if (flushed == 1) {
      watch(UV_READABLE | UV_WRITABLE);
      return;
    }
  }
  if ((events & UV_READABLE) != 0 && PQconsumeInput(m_conn) == 0) {
    finish_query(nullptr, PQerrorMessage(m_conn));
    return;
  }
  if (PQisBusy(m_conn) != 0) {
    watch(UV_READABLE);
    return;
  }
  // The first result is the statement's; drain the rest (the terminating null).
  PGresult* result = PQgetResult(m_conn);
  while (PGresult* extra = PQgetResult(m_conn)) {
    PQclear(extra);
  }
  std::string error;
  const auto status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    error = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(m_conn);
    if (error.empty()) {
      error = "statement failed";
    }
  }
  finish_query(result, error);
  PQclear(result);
}

void PgConnection::finish_query(const pg_result* result, const std::string& error) {
  if (m_poll != nullptr) {
    uv_poll_stop(&m_poll->handle);
  }
  m_state = PQstatus(m_conn) == CONNECTION_OK ? State::ready : State::broken;
  if (m_state == State::broken) {
    release_poll();
  }
  std::string message = error;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  if (auto done = std::move(m_query_done)) {
    m_query_done = nullptr;
    done(PgResult(result, message));
  }
}

void PgConnection::on_socket(int status, int events) {
  if (m_state == State::connecting) {
    continue_connect();
    return;
  }
  if (m_state == State::busy) {
    continue_query(status < 0 ? (UV_READABLE | UV_WRITABLE) : events);
  }
}

void PgConnection::close(const std::string& reason) {
  const bool was_busy = m_state == State::busy;
  m_connect_timer.stop();
  release_poll();
  if (m_conn != nullptr) {
    PQfinish(m_conn);
    m_conn = nullptr;
  }
  m_state = State::idle;
  if (was_busy) {
    if (auto done = std::move(m_query_done)) {
      m_query_done = nullptr;
      done(PgResult(nullptr, reason));
    }
  }
}

}  // namespace dharma::loadtest
