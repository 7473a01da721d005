#include "store_async.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <vector>

namespace dharma::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Connection {
  PGconn* conn = nullptr;
  bool busy = false;
  state::StatementRows rows;
  bool failed = false;
};

state::StatementRows rows_of(const PGresult* result) {
  state::StatementRows rows(static_cast<std::size_t>(PQntuples(result)));
  const int columns = PQnfields(result);
  for (int r = 0; r < PQntuples(result); ++r) {
    auto& row = rows[static_cast<std::size_t>(r)];
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      row.push_back(PQgetisnull(result, r, c) ? std::nullopt
                                              : state::StatementValue(std::string(
                                                    PQgetvalue(result, r, c),
                                                    static_cast<std::size_t>(PQgetlength(result, r, c)))));
    }
  }
  return rows;
}

void send(Connection& connection, const state::StoreStatement& statement) {
  std::vector<const char*> values;
  values.reserve(statement.params.size());
  for (const auto& param : statement.params) {
    values.push_back(param ? param->c_str() : nullptr);
  }
  if (PQsendQueryParams(connection.conn, statement.sql.c_str(), static_cast<int>(values.size()), nullptr,
                        values.data(), nullptr, nullptr, 0) != 1) {
    throw std::runtime_error(std::string("send failed: ") + PQerrorMessage(connection.conn));
  }
  connection.busy = true;
}

}  // namespace

AsyncRun run_async(const std::string& url, int clients, double seconds,
                   const std::function<state::StoreStatement()>& next_statement,
                   const std::function<bool(const state::StatementRows&)>& decode) {
  std::vector<Connection> connections(static_cast<std::size_t>(clients));
  struct Closer {
    std::vector<Connection>& all;
    ~Closer() {
      for (auto& c : all) {
        if (c.conn != nullptr) {
          PQfinish(c.conn);
        }
      }
    }
  } closer{connections};
  for (auto& connection : connections) {
    connection.conn = PQconnectdb(url.c_str());
    if (PQstatus(connection.conn) != CONNECTION_OK) {
      throw std::runtime_error(std::string("connect failed: ") + PQerrorMessage(connection.conn));
    }
    PQsetnonblocking(connection.conn, 1);
  }
  AsyncRun run;
  const auto start = Clock::now();
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  for (auto& connection : connections) {
    send(connection, next_statement());
  }
  std::vector<pollfd> fds(connections.size());
  bool sending = true;
  for (;;) {
    const bool before_deadline = Clock::now() < deadline;
    if (!before_deadline) {
      sending = false;
    }
    bool any_busy = false;
    for (std::size_t i = 0; i < connections.size(); ++i) {
      fds[i] = {PQsocket(connections[i].conn),
                static_cast<short>(POLLIN | (PQflush(connections[i].conn) == 1 ? POLLOUT : 0)), 0};
      any_busy = any_busy || connections[i].busy;
    }
    if (!any_busy) {
      break;
    }
    if (poll(fds.data(), fds.size(), 100) < 0) {
      throw std::runtime_error("poll failed");
    }
    for (std::size_t i = 0; i < connections.size(); ++i) {
      auto& connection = connections[i];
      if ((fds[i].revents & (POLLIN | POLLERR | POLLHUP)) == 0 || !connection.busy) {
        continue;
      }
      if (PQconsumeInput(connection.conn) != 1) {
        throw std::runtime_error(std::string("connection lost: ") + PQerrorMessage(connection.conn));
      }
      while (connection.busy && PQisBusy(connection.conn) == 0) {
        PGresult* result = PQgetResult(connection.conn);
        if (result == nullptr) {  // this statement is done
          connection.busy = false;
          if (connection.failed || !decode(connection.rows)) {
            throw std::runtime_error("unexpected result");
          }
          if (sending) {
            ++run.completed;
            send(connection, next_statement());
          }
          break;
        }
        const std::unique_ptr<PGresult, decltype(&PQclear)> owned(result, &PQclear);
        if (PQresultStatus(result) == PGRES_TUPLES_OK) {
          connection.rows = rows_of(result);
        } else {
          throw std::runtime_error(std::string("statement failed: ") + PQresultErrorMessage(result));
        }
      }
    }
  }
  run.seconds = std::chrono::duration<double>(std::min(Clock::now(), deadline) - start).count();
  return run;
}

}  // namespace dharma::bench
