// util::write_file_atomic on special files: a device is written in place,
// never replaced by a regular file (a rename over /dev/null once did that).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include "dharma/util/file.hpp"

TEST_CASE("write_file_atomic, writes into /dev/null without replacing it") {
  dharma::util::write_file_atomic("/dev/null", "discarded\n");
  struct stat info {};
  REQUIRE(stat("/dev/null", &info) == 0);
  CHECK(S_ISCHR(info.st_mode));
}
