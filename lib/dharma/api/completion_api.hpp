#pragma once
// `dharma completion bash|zsh|fish` and the hidden `dharma manpages --out
// DIR`: a completion script on stdout, or the man pages written to a folder,
// both generated from `program`, the spec cli/ reads off the CLI11 app.

#include <string>
#include <vector>

#include "dharma/api/command_context.hpp"
#include "dharma/cli_spec/command_spec.hpp"

namespace dharma::api {

struct CompletionOptions {
  std::string shell;              // one of completion_shells(), checked by the CLI
  cli_spec::CommandSpec program;  // the whole command line, root first
};

// The shells a script can be written for (bash, zsh, fish), for the CLI's check.
const std::vector<std::string>& completion_shells();

// Prints the script for `options.shell` to context.out(). Returns 0.
int completion_script(const CompletionOptions& options, CommandContext& context);

struct ManpagesOptions {
  std::string out;      // folder to write NAME.1 files into (created if missing)
  std::string version;  // for the page headers
  cli_spec::CommandSpec program;
};

// Writes dharma.1 and dharma-FAMILY.1 into `options.out`, each atomically,
// and lists them on the status. Throws util::Error (exit 3) when a file cannot be written.
int manpages_write(const ManpagesOptions& options, CommandContext& context);

}  // namespace dharma::api
