// util::ProcessRunner::run_limited against real processes: the status of a
// command that ends in time, and a command (with a child of its own) killed
// whole when it runs past its limit.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "dharma/util/process_runner.hpp"

using namespace dharma;
using namespace std::chrono_literals;

TEST_CASE("ProcessRunner::run_limited, a command that ends in time keeps its exit status") {
  util::ProcessRunner runner;
  const auto result = runner.run_limited({"/bin/sh", "-c", "exit 7"}, "test command", 10s);
  CHECK_FALSE(result.timed_out);
  CHECK(result.status == 7);
}

TEST_CASE("ProcessRunner::run_limited, past its limit the whole process group is killed") {
  const auto pid_file =
      std::filesystem::temp_directory_path() / ("dharma-run-limited-" + std::to_string(::getpid()) + ".pid");
  util::ProcessRunner runner;
  const auto result = runner.run_limited(
      {"/bin/sh", "-c", "sleep 60 & echo $! >" + pid_file.string() + "; wait"}, "test command", 300ms);
  CHECK(result.timed_out);
  std::ifstream in(pid_file);
  int child = 0;
  in >> child;
  std::filesystem::remove(pid_file);
  REQUIRE(child > 0);
  // The shell's child was in its group: it is gone (or a zombie of init for a moment).
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    gone = ::kill(child, 0) != 0 && errno == ESRCH;
    if (!gone) {
      std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
      std::string pid_text, name, state;
      stat >> pid_text >> name >> state;
      gone = state == "Z";
    }
    if (!gone) {
      ::usleep(20000);
    }
  }
  CHECK(gone);
}
