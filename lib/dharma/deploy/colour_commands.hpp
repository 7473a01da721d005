#pragma once
// Starting and stopping a colour on hosts: the deploy section's `start` and
// `stop` commands run once per instance through /bin/sh -c, with {service},
// {colour}, {version} and {port} substituted (the version is checked to be
// [A-Za-z0-9._+-] first, the others are dharma's own, so nothing injected
// reaches the shell). Commands must return once the instance is launched
// (`systemctl start app@green`, or a script that backgrounds the server);
// one that runs longer than the section's start_timeout/stop_timeout is
// killed with its whole process group.

#include <string>

#include "dharma/deploy/deploy_config.hpp"
#include "dharma/util/process_runner.hpp"

namespace dharma::deploy {

// `command` with the placeholders replaced.
std::string substitute(const std::string& command, const std::string& service, const std::string& colour,
                       const std::string& version, int port);

// Runs `start` (or `stop`) for every instance of `colour`, each within
// `start_timeout` (`stop_timeout`). Throws util::Error (exit 3) naming the
// instance and the exit status when a command fails, or the limit when one
// ran too long (its whole process group is killed then).
void start_colour(const DeployConfig& config, const std::string& colour, const std::string& version,
                  util::ProcessRunner& processes);
void stop_colour(const DeployConfig& config, const std::string& colour, const std::string& version,
                 util::ProcessRunner& processes);

}  // namespace dharma::deploy
