#include "dharma/deploy/haproxy_runtime.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "dharma/util/error.hpp"

namespace dharma::deploy {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(line);
  while (std::getline(stream, field, separator)) {
    fields.push_back(field);
  }
  return fields;
}

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> result;
  std::istringstream stream(line);
  std::string word;
  while (stream >> word) {
    result.push_back(word);
  }
  return result;
}

int to_int(const std::string& text) {
  try {
    return std::stoi(text);
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace

std::string HaproxyRuntime::execute(const std::string& command) const {
  const auto fail = [&](const std::string& why) -> util::Error {
    return util::Error("HAProxy runtime API at " + m_socket + ": " + why +
                           " (is HAProxy running with `stats socket " + m_socket + " level admin`?)",
                       util::ExitCode::unavailable);
  };
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (m_socket.size() >= sizeof address.sun_path) {
    throw fail("the socket path is too long");
  }
  std::memcpy(address.sun_path, m_socket.c_str(), m_socket.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    throw fail(std::strerror(errno));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) < 0) {
    throw fail(std::strerror(errno));
  }
  const std::string line = command + "\n";
  if (::send(fd, line.data(), line.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(line.size())) {
    throw fail(std::string("cannot send: ") + std::strerror(errno));
  }
  const auto deadline = Clock::now() + m_timeout;
  std::string answer;
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      throw fail("no answer to '" + command + "' within " + std::to_string(m_timeout.count()) + " ms");
    }
    pollfd descriptor{fd, POLLIN, 0};
    const int ready = ::poll(&descriptor, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    if (ready <= 0) {
      continue;
    }
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got < 0) {
      throw fail(std::strerror(errno));
    }
    if (got == 0) {
      return answer;
    }
    answer.append(buffer, static_cast<std::size_t>(got));
  }
}

void HaproxyRuntime::set_map(const std::string& map, const std::string& key, const std::string& value) const {
  std::string answer = execute("set map " + map + " " + key + " " + value);
  if (answer.find("entry not found") != std::string::npos) {
    // `set map` changes an existing entry only; the first deployment adds it.
    answer = execute("add map " + map + " " + key + " " + value);
  }
  if (answer.find_first_not_of("\r\n ") != std::string::npos) {
    throw util::Error("HAProxy refused 'set map " + map + " " + key + " " + value +
                          "': " + answer.substr(0, answer.find_last_not_of("\r\n ") + 1),
                      util::ExitCode::unavailable);
  }
}

std::map<std::string, std::string> HaproxyRuntime::show_map(const std::string& map) const {
  return parse_show_map(execute("show map " + map));
}

std::vector<ServerState> HaproxyRuntime::servers_state(const std::string& backend) const {
  return parse_servers_state(execute("show servers state " + backend));
}

long HaproxyRuntime::backend_sessions(const std::string& backend) const {
  return parse_backend_sessions(execute("show stat"), backend);
}

// "0x55d0c8a0 shop green" per entry.
std::map<std::string, std::string> parse_show_map(const std::string& answer) {
  std::map<std::string, std::string> entries;
  std::istringstream stream(answer);
  std::string line;
  while (std::getline(stream, line)) {
    const auto fields = words(line);
    if (fields.size() == 3 && fields[0].rfind("0x", 0) == 0) {
      entries[fields[1]] = fields[2];
    }
  }
  return entries;
}

// A version line ("1"), a "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ..." header,
// then one line per server in that order.
std::vector<ServerState> parse_servers_state(const std::string& answer) {
  std::vector<ServerState> servers;
  std::istringstream stream(answer);
  std::string line;
  while (std::getline(stream, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    const auto fields = words(line);
    if (fields.size() < 7) {
      continue;
    }
    servers.push_back({fields[1], fields[3], to_int(fields[5]), to_int(fields[6])});
  }
  return servers;
}

// CSV with a "# pxname,svname,qcur,qmax,scur,..." header; the BACKEND row of `backend`.
long parse_backend_sessions(const std::string& show_stat_csv, const std::string& backend) {
  std::istringstream stream(show_stat_csv);
  std::string line;
  std::size_t scur_column = 4;
  while (std::getline(stream, line)) {
    if (line.rfind("# ", 0) == 0) {
      const auto header = split(line.substr(2), ',');
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == "scur") {
          scur_column = i;
        }
      }
      continue;
    }
    const auto fields = split(line, ',');
    if (fields.size() > scur_column && fields[0] == backend && fields[1] == "BACKEND") {
      return to_int(fields[scur_column]);
    }
  }
  return -1;
}

}  // namespace dharma::deploy
