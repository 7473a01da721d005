#include "dharma/api/stack_api.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/util/error.hpp"

namespace dharma::api {

int run_stack(const std::string& action) {
  // The script lives beside migrations/ in dharma's data directory.
  const auto script = data_directory() / "scripts" / "stack";
  std::error_code ec;
  if (!std::filesystem::exists(script, ec)) {
    throw util::Error("cannot find " + script.string() + "; set DHARMA_HOME to dharma's source or install folder",
                      util::ExitCode::unavailable);
  }
  const pid_t child = fork();
  if (child < 0) {
    throw util::Error("cannot start " + script.string(), util::ExitCode::unavailable);
  }
  if (child == 0) {
    std::signal(SIGPIPE, SIG_DFL);  // dharma ignores it (cli/main.cpp); the script's pipes expect the default
    execl("/bin/bash", "bash", script.c_str(), action.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) {
      throw util::Error("lost track of " + script.string(), util::ExitCode::unavailable);
    }
  }
  if (WIFEXITED(status)) {
    if (WEXITSTATUS(status) == 127) {
      throw util::Error("cannot run " + script.string() + " with /bin/bash", util::ExitCode::unavailable);
    }
    return WEXITSTATUS(status);
  }
  return util::to_int(util::ExitCode::unavailable);
}

}  // namespace dharma::api
