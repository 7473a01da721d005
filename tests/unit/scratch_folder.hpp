#pragma once
// Test helpers for tests that write files: an empty folder of their own under
// the temporary directory (named after the test and this process, removed
// first if an earlier run left it), and a file's inode (to tell a kept file
// from a replaced one).
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace dharma::test_support {

inline std::filesystem::path scratch_folder(const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("dharma-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline ino_t inode(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::lstat(path.c_str(), &info) == 0);
  return info.st_ino;
}

}  // namespace dharma::test_support
