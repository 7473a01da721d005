#pragma once
// HAProxy's runtime API over its stats socket (a unix socket declared
// `stats socket PATH level admin` in haproxy.cfg). Each command is one
// connection: write the command and a newline, read until HAProxy closes
// (non-interactive mode). Only what the haproxy driver needs is parsed here:
// map entries, servers' states and sessions from `show stat`.

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace dharma::deploy {

struct ServerState {
  std::string backend;
  std::string server;
  int operational_state = 0;  // srv_op_state: 0 stopped, 1 starting, 2 running, 3 stopping
  int admin_state = 0;        // srv_admin_state: 0 ready; nonzero is maintenance or drain
};

class HaproxyRuntime {
 public:
  explicit HaproxyRuntime(std::string socket_path,
                          std::chrono::milliseconds timeout = std::chrono::seconds(5))
      : m_socket(std::move(socket_path)), m_timeout(timeout) {}

  // Sends `command` and returns HAProxy's whole answer. Throws util::Error
  // (exit 3) naming the socket when it cannot be reached or does not answer in time.
  std::string execute(const std::string& command) const;

  // `set map MAP KEY VALUE` (`add map` when KEY is not in MAP yet); throws util::Error (exit 3) with
  // HAProxy's answer when it is not empty.
  void set_map(const std::string& map, const std::string& key, const std::string& value) const;
  // `show map MAP`: key -> value.
  std::map<std::string, std::string> show_map(const std::string& map) const;
  // `show servers state BACKEND`.
  std::vector<ServerState> servers_state(const std::string& backend) const;
  // The current sessions (scur) of BACKEND from `show stat`; -1 when the backend is not listed.
  long backend_sessions(const std::string& backend) const;

  const std::string& socket_path() const { return m_socket; }

 private:
  std::string m_socket;
  std::chrono::milliseconds m_timeout;
};

// Parsers of the answers above, separate so that they are unit-tested on HAProxy's own text.
std::map<std::string, std::string> parse_show_map(const std::string& answer);
std::vector<ServerState> parse_servers_state(const std::string& answer);
long parse_backend_sessions(const std::string& show_stat_csv, const std::string& backend);

}  // namespace dharma::deploy
