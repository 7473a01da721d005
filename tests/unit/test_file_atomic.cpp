// util::write_file_atomic on special files: a device is written in place,
// never replaced by a regular file (a rename over /dev/null once did that).
// /dev/zero stands in for /dev/null: it discards writes the same way, and
// other test suites sharing this machine leave it alone.
#include <doctest/doctest.h>

#include <sys/stat.h>

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
