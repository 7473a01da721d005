#include "dharma/util/process_runner.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

#include "dharma/util/error.hpp"

namespace dharma::util {

int ProcessRunner::run(const std::vector<std::string>& argv, const std::string& what) {
  return run_with(argv, what, false);
}

int ProcessRunner::run_quiet(const std::vector<std::string>& argv, const std::string& what) {
  return run_with(argv, what, true);
}

int ProcessRunner::run_with(const std::vector<std::string>& argv, const std::string& what, bool quiet) {
  std::vector<char*> arguments;
  for (const auto& argument : argv) {
    arguments.push_back(const_cast<char*>(argument.c_str()));
  }
  arguments.push_back(nullptr);
  const pid_t child = fork();
  if (child < 0) {
    throw Error("cannot start " + what, ExitCode::unavailable);
  }
  if (child == 0) {
    std::signal(SIGPIPE, SIG_DFL);  // dharma ignores it (cli/main.cpp); child programs expect the default
    if (quiet) {
      const int null = open("/dev/null", O_WRONLY);
      if (null >= 0) {
        dup2(null, STDOUT_FILENO);
        close(null);
      }
    }
    execv(arguments[0], arguments.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      throw Error("lost track of " + what, ExitCode::unavailable);
    }
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : to_int(ExitCode::unavailable);
}

}  // namespace dharma::util
