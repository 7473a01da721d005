// util::write_file_atomic and read_file on special files: a device is written in place,
// never replaced by a regular file (a rename over /dev/null once did that).
// /dev/zero stands in for /dev/null: it discards writes the same way, and
// other test suites sharing this machine leave it alone.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

TEST_CASE("write_file_atomic, writes into a device without replacing it") {
  struct stat before {};
  REQUIRE(stat("/dev/zero", &before) == 0);
  REQUIRE_MESSAGE(S_ISCHR(before.st_mode), "/dev/zero is not a character device on this machine");
  dharma::util::write_file_atomic("/dev/zero", "discarded\n");
  struct stat after {};
  REQUIRE(stat("/dev/zero", &after) == 0);
  CHECK(S_ISCHR(after.st_mode));
  CHECK(after.st_rdev == before.st_rdev);
}

TEST_CASE("read_file, reads a pipe, which has no size to ask for") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const std::string text = "apiVersion: dharma/v1\n";
  REQUIRE(write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  close(fds[1]);
  const std::string path = "/proc/self/fd/" + std::to_string(fds[0]);
  CHECK(dharma::util::read_file(path) == text);
  close(fds[0]);
}

TEST_CASE("read_file, refuses a pipe longer than the limit") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  const std::string text(100, 'x');
  REQUIRE(write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  close(fds[1]);
  CHECK_THROWS_WITH_AS(dharma::util::read_file("/proc/self/fd/" + std::to_string(fds[0]), 10),
                       doctest::Contains("input limit"), dharma::util::Error);
  close(fds[0]);
}
