#include "dharma/deploy/colour_commands.hpp"

#include "dharma/util/duration.hpp"
#include "dharma/util/error.hpp"

namespace dharma::deploy {
namespace {

void run_each(const DeployConfig& config, const std::string& command, const char* verb, Duration timeout,
              const std::string& colour, const std::string& version, util::ProcessRunner& processes) {
  for (int i = 0; i < config.instances; ++i) {
    const int port = config.ports.at(colour) + i;
    const std::string line = substitute(command, config.service, colour, version, port);
    const std::string what =
        std::string(verb) + " command for " + colour + " instance on port " + std::to_string(port);
    const auto result =
        processes.run_limited({"/bin/sh", "-c", line}, std::string(verb) + " command", timeout);
    if (result.timed_out) {
      throw util::Error(what + " did not finish within " + util::format_duration(timeout) + " (" + verb +
                            "_timeout); its process group was killed: " + line,
                        util::ExitCode::unavailable);
    }
    if (result.status != 0) {
      throw util::Error(what + " exited with " + std::to_string(result.status) + ": " + line,
                        util::ExitCode::unavailable);
    }
  }
}

}  // namespace

std::string substitute(const std::string& command, const std::string& service, const std::string& colour,
                       const std::string& version, int port) {
  std::string result;
  for (std::size_t i = 0; i < command.size();) {
    bool replaced = false;
    for (const auto& [name, value] : {std::pair<std::string, std::string>{"{service}", service},
                                      {"{colour}", colour},
                                      {"{version}", version},
                                      {"{port}", std::to_string(port)}}) {
      if (command.compare(i, name.size(), name) == 0) {
        result += value;
        i += name.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      result += command[i++];
    }
  }
  return result;
}

void start_colour(const DeployConfig& config, const std::string& colour, const std::string& version,
                  util::ProcessRunner& processes) {
  run_each(config, config.start, "start", config.start_timeout, colour, version, processes);
}

void stop_colour(const DeployConfig& config, const std::string& colour, const std::string& version,
                 util::ProcessRunner& processes) {
  run_each(config, config.stop, "stop", config.stop_timeout, colour, version, processes);
}

}  // namespace dharma::deploy
