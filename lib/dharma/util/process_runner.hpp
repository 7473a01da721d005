#pragma once
// Runs another program and waits for it: the one place dharma forks. Used by
// `dharma stack` (scripts/stack); commands that drive kubectl, terraform or
// service managers take it from their api::CommandContext, so tests can
// give them a fake runner.

#include <chrono>
#include <string>
#include <vector>

namespace dharma::util {

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;

  // Runs argv[0] (a path) with `argv`, sharing dharma's standard streams, and
  // returns its exit status; 127 when it could not be executed, 3 when a
  // signal ended it. Throws util::Error (exit 3) naming `what` when it
  // cannot be started or waited for.
  virtual int run(const std::vector<std::string>& argv, const std::string& what);

  // The same, with the program's standard output collected into `output`
  // instead of shared (its standard error still is). Used for `kubectl get -o json`.
  virtual int run_capture(const std::vector<std::string>& argv, const std::string& what, std::string& output);
  // The same with the program's standard output discarded (a probe whose
  // answer is only its exit status: `kubectl get --raw …` in dharma deploy).
  virtual int run_quiet(const std::vector<std::string>& argv, const std::string& what);

  struct Limited {
    int status = 0;          // as run() returns it; meaningless when timed out
    bool timed_out = false;  // the time limit ended it: its process group was killed
  };
  // The same as run(), with a time limit: the program runs in a process group
  // of its own, and when it has not ended within `timeout`, the whole group
  // (the program and everything it started that stayed in it) gets SIGKILL.
  // The group is left alone when the program ends in time, so a command may
  // leave a server running in the background. Ctrl-C or SIGTERM that ends
  // dharma meanwhile sends SIGTERM to the group first (util/interrupt.hpp).
  virtual Limited run_limited(const std::vector<std::string>& argv, const std::string& what,
                              std::chrono::nanoseconds timeout);

 private:
  int run_with(const std::vector<std::string>& argv, const std::string& what, bool quiet);
};

// The executable `name` in a directory of $PATH; empty when there is none.
std::string find_on_path(const std::string& name);

}  // namespace dharma::util
