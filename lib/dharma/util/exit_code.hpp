#pragma once
// The process exit codes of CLI.md, shared by every subcommand.

namespace dharma::util {

enum class ExitCode : int {
  ok = 0,             // success, nothing to report
  found = 1,          // ran and found something (findings, drift, budget, out of date)
  invalid_input = 2,  // bad flag or invalid input file
  unavailable = 3,    // a dependency (PostgreSQL, Redis, kubectl, disk) is unavailable
  refused = 4,        // refused to protect state (quota, lock, checksum)
  interrupted = 130,  // SIGINT
};

constexpr int to_int(ExitCode code) {
  return static_cast<int>(code);
}

}  // namespace dharma::util
