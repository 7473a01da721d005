#include "dharma/util/process_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <thread>

#include "dharma/util/error.hpp"
#include "dharma/util/interrupt.hpp"

namespace dharma::util {

int ProcessRunner::run(const std::vector<std::string>& argv, const std::string& what) {
  return run_with(argv, what, false);
}

int ProcessRunner::run_quiet(const std::vector<std::string>& argv, const std::string& what) {
  return run_with(argv, what, true);
}

namespace {

enum class Output { shared, discarded };
enum class Group { dharmas, own };

// Forks and execs `argv` (exit 127 in the child when it cannot); returns the child's pid.
pid_t spawn(const std::vector<std::string>& argv, const std::string& what, Output output, Group group) {
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
    if (group == Group::own) {
      setpgid(0, 0);
    }
    std::signal(SIGPIPE, SIG_DFL);  // dharma ignores it (cli/main.cpp); child programs expect the default
    if (output == Output::discarded) {
      const int null = open("/dev/null", O_WRONLY);
      if (null >= 0) {
        dup2(null, STDOUT_FILENO);
        close(null);
      }
    }
    execv(arguments[0], arguments.data());
    _exit(127);
  }
  if (group == Group::own) {
    setpgid(child, child);  // also here, so the group exists whichever process runs first
  }
  return child;
}

}  // namespace

int ProcessRunner::run_with(const std::vector<std::string>& argv, const std::string& what, bool quiet) {
  const pid_t child = spawn(argv, what, quiet ? Output::discarded : Output::shared, Group::dharmas);
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      throw Error("lost track of " + what, ExitCode::unavailable);
    }
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : to_int(ExitCode::unavailable);
}

ProcessRunner::Limited ProcessRunner::run_limited(const std::vector<std::string>& argv,
                                                  const std::string& what, std::chrono::nanoseconds timeout) {
  const pid_t child = spawn(argv, what, Output::shared, Group::own);
  const ForwardInterrupts forward(child);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  // A pidfd becomes readable when the child ends, so poll() wakes at once;
  // without one (kernels before 5.3), look every few milliseconds.
  // (glibc 2.36's <sys/pidfd.h> lacks extern "C": the system call, directly.)
  const int pidfd = static_cast<int>(syscall(SYS_pidfd_open, child, 0));
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(child, &status, WNOHANG);
    if (done == child) {
      if (pidfd >= 0) {
        close(pidfd);
      }
      return {WIFEXITED(status) ? WEXITSTATUS(status) : to_int(ExitCode::unavailable), false};
    }
    if (done < 0 && errno != EINTR) {
      throw Error("lost track of " + what, ExitCode::unavailable);
    }
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::nanoseconds::zero()) {
      kill(-child, SIGKILL);
      while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
      }
      if (pidfd >= 0) {
        close(pidfd);
      }
      return {to_int(ExitCode::unavailable), true};
    }
    const auto wait =
        std::min(std::chrono::duration_cast<std::chrono::milliseconds>(left) + std::chrono::milliseconds(1),
                 std::chrono::milliseconds(pidfd >= 0 ? 1000 : 5));
    if (pidfd >= 0) {
      pollfd ready{pidfd, POLLIN, 0};
      poll(&ready, 1, static_cast<int>(wait.count()));
    } else {
      std::this_thread::sleep_for(wait);
    }
  }
}

int ProcessRunner::run_capture(const std::vector<std::string>& argv, const std::string& what,
                               std::string& output) {
  std::vector<char*> arguments;
  for (const auto& argument : argv) {
    arguments.push_back(const_cast<char*>(argument.c_str()));
  }
  arguments.push_back(nullptr);
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) {
    throw Error("cannot start " + what, ExitCode::unavailable);
  }
  const pid_t child = fork();
  if (child < 0) {
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    throw Error("cannot start " + what, ExitCode::unavailable);
  }
  if (child == 0) {
    std::signal(SIGPIPE, SIG_DFL);
    dup2(pipe_ends[1], STDOUT_FILENO);
    close(pipe_ends[0]);
    close(pipe_ends[1]);
    execv(arguments[0], arguments.data());
    _exit(127);
  }
  close(pipe_ends[1]);
  char buffer[65536];
  while (true) {
    const ssize_t n = read(pipe_ends[0], buffer, sizeof buffer);
    if (n > 0) {
      output.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(pipe_ends[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      throw Error("lost track of " + what, ExitCode::unavailable);
    }
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : to_int(ExitCode::unavailable);
}

std::string find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string directories = path != nullptr ? path : "";
  std::size_t start = 0;
  while (start <= directories.size()) {
    const std::size_t end = std::min(directories.find(':', start), directories.size());
    const std::string directory = directories.substr(start, end - start);
    if (!directory.empty()) {
      const std::string candidate = directory + "/" + name;
      if (access(candidate.c_str(), X_OK) == 0) {
        return candidate;
      }
    }
    start = end + 1;
  }
  return "";
}

}  // namespace dharma::util
