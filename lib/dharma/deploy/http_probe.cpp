#include "dharma/deploy/http_probe.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "dharma/util/duration.hpp"

namespace dharma::deploy {
namespace {

using Clock = std::chrono::steady_clock;

class Socket {
 public:
  explicit Socket(int fd) : m_fd(fd) {}
  ~Socket() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  int fd() const { return m_fd; }

 private:
  int m_fd;
};

// Waits for `events` on `fd` until `deadline`; false on timeout.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      return false;
    }
    pollfd descriptor{fd, events, 0};
    const int ready = ::poll(&descriptor, 1, static_cast<int>(left));
    if (ready > 0) {
      return true;
    }
    if (ready < 0 && errno != EINTR) {
      return false;
    }
  }
}

}  // namespace

ProbeResult probe_http(const std::string& host, int port, const std::string& path,
                       std::chrono::nanoseconds timeout) {
  ProbeResult result;
  const auto started = Clock::now();
  const auto deadline = started + timeout;
  const auto finish = [&](std::string error) {
    result.error = std::move(error);
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    return result;
  };
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host.c_str(), &address.sin_addr) != 1) {
    return finish("'" + host + "' is not an IPv4 address");
  }
  Socket socket(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (socket.fd() < 0) {
    return finish(std::string("cannot open a socket: ") + std::strerror(errno));
  }
  if (::connect(socket.fd(), reinterpret_cast<const sockaddr*>(&address), sizeof address) < 0 &&
      errno != EINPROGRESS) {
    return finish(std::strerror(errno));
  }
  const std::string timed_out = "timed out after " + util::format_duration(timeout);
  if (!wait_for(socket.fd(), POLLOUT, deadline)) {
    return finish(timed_out);
  }
  int connect_error = 0;
  socklen_t length = sizeof connect_error;
  ::getsockopt(socket.fd(), SOL_SOCKET, SO_ERROR, &connect_error, &length);
  if (connect_error != 0) {
    return finish(std::strerror(connect_error));
  }
  const std::string request =
      "GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: dharma-deploy\r\n\r\n";
  std::size_t sent = 0;
  while (sent < request.size()) {
    const ssize_t written = ::send(socket.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (written < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!wait_for(socket.fd(), POLLOUT, deadline)) {
        return finish(timed_out);
      }
      continue;
    }
    if (written < 0) {
      return finish(std::strerror(errno));
    }
    sent += static_cast<std::size_t>(written);
  }
  std::string response;
  char buffer[512];
  while (response.find("\r\n") == std::string::npos && response.size() < 4096) {
    if (!wait_for(socket.fd(), POLLIN, deadline)) {
      return finish(timed_out);
    }
    const ssize_t got = ::recv(socket.fd(), buffer, sizeof buffer, 0);
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) {
      continue;
    }
    if (got <= 0) {
      break;
    }
    response.append(buffer, static_cast<std::size_t>(got));
  }
  // "HTTP/1.x NNN reason"
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) {
    return finish("no HTTP status line in the answer");
  }
  const std::size_t space = response.find(' ');
  if (space == std::string::npos || space + 4 > response.size()) {
    return finish("no HTTP status line in the answer");
  }
  int status = 0;
  for (std::size_t i = space + 1; i < space + 4; ++i) {
    if (response[i] < '0' || response[i] > '9') {
      return finish("no HTTP status line in the answer");
    }
    status = status * 10 + (response[i] - '0');
  }
  result.status = status;
  return finish("");
}

}  // namespace dharma::deploy
