#include "dharma/api/stack_api.hpp"

#include <filesystem>

#include "dharma/util/error.hpp"

namespace dharma::api {

int stack_run(const StackOptions& options, CommandContext& context) {
  // The script lives beside migrations/ in dharma's data directory.
  const auto script = context.data_directory() / "scripts" / "stack";
  std::error_code ec;
  if (!std::filesystem::exists(script, ec)) {
    throw util::Error(
        "cannot find " + script.string() + "; set DHARMA_HOME to dharma's source or install folder",
        util::ExitCode::unavailable);
  }
  const int code = context.processes().run({"/bin/bash", script.string(), options.action}, script.string());
  if (code == 127) {
    throw util::Error("cannot run " + script.string() + " with /bin/bash", util::ExitCode::unavailable);
  }
  return code;
}

}  // namespace dharma::api
