// RedisCache against a real redis-server this test starts on its own port
// (so it can stop and restart it): reads, writes, TTLs, prefixes, stats, and
// the failure model — one warning while Redis is down, caching resumes when
// it is back.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "dharma/cache/redis_cache.hpp"

using namespace dharma::cache;

namespace {

// A redis-server child process on `port`, stopped (SIGTERM, by pid) on destruction.
class RedisServer {
 public:
  explicit RedisServer(int port) : m_port(port) { start(); }
  ~RedisServer() { stop(); }

  void start() {
    m_pid = fork();
    if (m_pid == 0) {
      // Quiet: redis-server's warnings would end up in the test log.
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, STDOUT_FILENO);
      dup2(null, STDERR_FILENO);
      const std::string port = std::to_string(m_port);
      execlp("redis-server", "redis-server", "--port", port.c_str(), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--loglevel", "warning", static_cast<char*>(nullptr));
      _exit(127);
    }
    // Ready when it answers.
    RedisCache probe(
        "redis://127.0.0.1:" + std::to_string(m_port), [](const std::string&) {},
        RedisOptions{std::chrono::milliseconds(100), std::chrono::milliseconds(100),
                     std::chrono::milliseconds(0)});
    for (int i = 0; i < 100 && !probe.stats().available; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  void stop() {
    if (m_pid > 0) {
      kill(m_pid, SIGTERM);
      int status = 0;
      waitpid(m_pid, &status, 0);
      m_pid = -1;
    }
  }

 private:
  int m_port;
  pid_t m_pid = -1;
};

bool have_redis_server() {
  return std::system("command -v redis-server >/dev/null 2>&1") == 0;
}

// A loopback port nobody listens on right now (the kernel picks it), so the
// throwaway servers never collide with the stack or another test.
int test_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

// Generous connect/read timeouts: a refused connection fails at once anyway,
// and a loaded CI machine can take longer than 200 ms to answer a live server.
RedisOptions fast_options() {
  return {std::chrono::milliseconds(2000), std::chrono::milliseconds(2000), std::chrono::milliseconds(50)};
}

}  // namespace

TEST_CASE("parse_redis_url, reads host, port, password and database") {
  const auto address = parse_redis_url("redis://:secret@cache.local:6380/2");
  CHECK(address.host == "cache.local");
  CHECK(address.port == 6380);
  CHECK(address.password == "secret");
  CHECK(address.database == 2);
  CHECK(parse_redis_url("redis://127.0.0.1").port == 6379);
  CHECK_THROWS(parse_redis_url("http://x"));
  CHECK_THROWS(parse_redis_url("redis://h:99999/0"));
}

TEST_CASE("RedisCache::get, set, remove and remove_prefix against a real server") {
  REQUIRE_MESSAGE(have_redis_server(), "redis-server is not installed (scripts/bootstrap --test)");
  const int port = test_port();
  RedisServer server(port);
  std::vector<std::string> warnings;
  RedisCache cache(
      "redis://127.0.0.1:" + std::to_string(port) + "/0",
      [&](const std::string& warning) { warnings.push_back(warning); }, fast_options());

  const auto key_a = tenant_key("tenant-a", "blueprint", "web");
  const auto key_b = tenant_key("tenant-b", "blueprint", "web");
  CHECK_FALSE(cache.get(key_a).has_value());
  cache.set(key_a, std::string("bytes\0with nul", 14), std::chrono::seconds(60));
  cache.set(key_b, "other tenant", std::chrono::seconds(60));
  CHECK(cache.get(key_a) == std::string("bytes\0with nul", 14));
  CHECK(cache.get(key_b) == "other tenant");

  cache.set(tenant_key("tenant-a", "list", "blueprints"), "[]", std::chrono::seconds(60));
  CHECK(cache.remove_prefix(tenant_prefix("tenant-a")) == 2);
  CHECK_FALSE(cache.get(key_a).has_value());
  CHECK(cache.get(key_b) == "other tenant");

  cache.remove({key_b});
  CHECK_FALSE(cache.get(key_b).has_value());

  cache.set(global_key("prices", "aws"), "{}", std::chrono::seconds(1));
  const auto stats = cache.stats();
  CHECK(stats.available);
  CHECK(stats.keys == 1);
  CHECK(stats.hits >= 2);
  CHECK(stats.misses >= 2);
  CHECK(stats.memory_bytes > 0);
  CHECK(warnings.empty());
}

TEST_CASE("RedisCache, warns once while Redis is down and resumes when it is back") {
  REQUIRE_MESSAGE(have_redis_server(), "redis-server is not installed (scripts/bootstrap --test)");
  const int port = test_port();
  RedisServer server(port);
  std::vector<std::string> warnings;
  RedisCache cache(
      "redis://:pw-not-needed@127.0.0.1:" + std::to_string(port),
      [&](const std::string& warning) { warnings.push_back(warning); }, fast_options());
  // redis-server without requirepass rejects AUTH: that is "unavailable" too.
  CHECK_FALSE(cache.get("k").has_value());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("redis://:****@127.0.0.1") != std::string::npos);
  CHECK(warnings[0].find("pw-not-needed") == std::string::npos);

  RedisCache plain(
      "redis://127.0.0.1:" + std::to_string(port),
      [&](const std::string& warning) { warnings.push_back(warning); }, fast_options());
  plain.set("dharma:v1:g:k", "v", std::chrono::seconds(60));
  CHECK(plain.get("dharma:v1:g:k") == "v");

  server.stop();
  for (int i = 0; i < 5; ++i) {
    CHECK_FALSE(plain.get("dharma:v1:g:k").has_value());
    plain.set("dharma:v1:g:k", "w", std::chrono::seconds(60));
  }
  CHECK(warnings.size() == 2);  // one for `cache` above, one for `plain`
  CHECK_FALSE(plain.available());

  server.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // past retry_after
  plain.set("dharma:v1:g:k", "back", std::chrono::seconds(60));
  CHECK(plain.get("dharma:v1:g:k") == "back");
  CHECK(plain.available());
}

TEST_CASE("NullCache, always misses") {
  NullCache cache;
  cache.set("k", "v", std::chrono::seconds(1));
  CHECK_FALSE(cache.get("k").has_value());
  CHECK_FALSE(cache.stats().available);
}
