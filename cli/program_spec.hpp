#pragma once
// Reads dharma's whole command line off the CLI11 app into a
// cli_spec::CommandSpec, for completion scripts and man pages: every
// subcommand and option in --help order, hidden ones (group "") left out.
// Enumerated values come from the options' CLI11 checks (IsMember shows its
// set as "{a,b}" in the option's type name, as --help prints it), so a flag
// declared with `->check(CLI::IsMember(...))` anywhere completes its values.

#include <CLI/CLI.hpp>

#include "dharma/api/completion_api.hpp"

namespace dharma::cli {

cli_spec::CommandSpec program_spec(const CLI::App& app);

}  // namespace dharma::cli
