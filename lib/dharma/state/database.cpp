#include "dharma/state/database.hpp"

#include <cstdlib>

#include "dharma/state/connection_check.hpp"
#include "dharma/util/connection_url.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::state {
namespace {

// Drops NOTICE/WARNING chatter (e.g. "relation already exists, skipping");
// errors still arrive as exceptions.
class QuietNotices : public pqxx::errorhandler {
 public:
  explicit QuietNotices(pqxx::connection_base& connection) : pqxx::errorhandler(connection) {}
  bool operator()(const char* /*message*/) noexcept override { return false; }
};

std::string what_to_check(const Endpoint& endpoint, const std::string& message) {
  if (message.find("authentication failed") != std::string::npos ||
      message.find("password") != std::string::npos) {
    return "check the user and password in " + endpoint.source;
  }
  std::string hint =
      "check that the server is running (for the local stack: `dharma stack status`, "
      "`dharma stack up`)";
  if (endpoint.source == "default") {
    hint += ", or point dharma at your server with the DHARMA_DATABASE_* variables or dharma.yaml";
  } else {
    hint += " and that " + endpoint.source + " is right";
  }
  return hint;
}

}  // namespace

std::string server_message(const std::exception& error, const Endpoint& endpoint) {
  // libpq continues long messages on tab-indented lines; keep them on one line.
  std::string message = util::replace_all(util::mask_secrets_in(error.what(), endpoint.url), "\n\t", " ");
  return util::trim(message);
}

Database::Database(Endpoint endpoint) : m_endpoint(std::move(endpoint)) {
  // libpq honours PGCONNECT_TIMEOUT when the URL has no connect_timeout;
  // without it an unroutable host would hang for minutes.
  setenv("PGCONNECT_TIMEOUT", "10", 0);
  check_connection_string(m_endpoint);
  try {
    m_connection = std::make_unique<pqxx::connection>(m_endpoint.url);
  } catch (const pqxx::broken_connection& error) {
    const std::string message = server_message(error, m_endpoint);
    // libpq checks option values (sslmode=bogus) only when connecting; its
    // "invalid ... value" is the user's input, not an unreachable server.
    if (util::starts_with(message, "invalid ")) {
      throw util::Error("invalid connection URL " + m_endpoint.describe() + ": " + message,
                        util::ExitCode::invalid_input);
    }
    throw util::Error("cannot connect to " + m_endpoint.describe() + ": " + message + "; " +
                          what_to_check(m_endpoint, message),
                      util::ExitCode::unavailable);
  } catch (const pqxx::sql_error& error) {
    const std::string message = server_message(error, m_endpoint);
    throw util::Error("cannot log in to " + m_endpoint.describe() + ": " + message + "; " +
                          what_to_check(m_endpoint, message),
                      util::ExitCode::unavailable);
  } catch (const std::invalid_argument& error) {
    throw util::Error(
        "invalid connection URL " + m_endpoint.describe() + ": " + server_message(error, m_endpoint),
        util::ExitCode::invalid_input);
  }
  m_quiet = std::make_unique<QuietNotices>(*m_connection);
}

Database::~Database() {
  m_quiet.reset();  // unregister before the connection goes away
}

void throw_connection_lost(const Endpoint& endpoint, const std::exception& error) {
  const std::string message = server_message(error, endpoint);
  throw util::Error("lost the connection to " + endpoint.describe() + ": " + message + "; " +
                        what_to_check(endpoint, message),
                    util::ExitCode::unavailable);
}

}  // namespace dharma::state
