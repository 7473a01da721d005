#pragma once
// Opening PostgreSQL connections that are safe behind PgBouncer's transaction
// pooling: nothing session-scoped is ever set on them, NOTICEs are kept off
// the terminal, and a server that cannot be reached becomes util::Error with
// exit 3 naming the server (password masked) and what to check.

#include <memory>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>

#include "dharma/state/connection_settings.hpp"

namespace dharma::state {

// A live connection plus the endpoint it came from (for messages).
class Database {
 public:
  // Connects to `endpoint` with a bounded connect timeout. Throws util::Error
  // (exit 3) when the server cannot be reached or refuses the login.
  explicit Database(Endpoint endpoint);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  pqxx::connection& connection() { return *m_connection; }
  const Endpoint& endpoint() const { return m_endpoint; }

 private:
  Endpoint m_endpoint;
  std::unique_ptr<pqxx::connection> m_connection;
  std::unique_ptr<pqxx::errorhandler> m_quiet;
};

// util::Error (exit 3) for a connection lost in the middle of work on `endpoint`.
[[noreturn]] void throw_connection_lost(const Endpoint& endpoint, const std::exception& error);

// The server's message from a pqxx exception, password-masked, without libpq's trailing newline.
std::string server_message(const std::exception& error, const Endpoint& endpoint);

}  // namespace dharma::state
