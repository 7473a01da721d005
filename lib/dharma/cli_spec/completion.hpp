#pragma once
// Shell completion scripts for dharma, generated from a CommandSpec: every
// command and option, the values of enumerated options (their choices),
// paths for free-text values and positional arguments, nothing for numbers.
// Each script is data (one table per question: subcommands, options, how a
// value completes) plus a small driver that walks the words typed so far to
// find the command they are in.

#include <string>
#include <vector>

#include "dharma/cli_spec/command_spec.hpp"

namespace dharma::cli_spec {

// The shells a script can be generated for, in the order `completion --help` lists them.
const std::vector<std::string>& completion_shells();

// A script for bash (sourced; `complete -F _dharma dharma`), zsh (an
// autoloadable `_dharma` that also works when sourced after compinit) or fish.
// `root` is the spec of the whole program; its name is the command completed.
std::string bash_completion(const CommandSpec& root);
std::string zsh_completion(const CommandSpec& root);
std::string fish_completion(const CommandSpec& root);

}  // namespace dharma::cli_spec
