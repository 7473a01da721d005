#pragma once
// Reads dharma's whole command line off the CLI11 app into a
// cli_spec::CommandSpec, for completion scripts and man pages: every
// subcommand and option in --help order, hidden ones (group "") left out.
// Enumerated values come from the options' CLI11 checks (IsMember shows its
// set as "{a,b}" in the option's type name, as --help prints it), so a flag
// declared with `->check(CLI::IsMember(...))` anywhere completes its values.
// A value completes as a file when its help says so (cli_spec::OptionSpec::
// value_kind) or when it is marked with completes_files().

#include <CLI/CLI.hpp>

#include "dharma/api/completion_api.hpp"

namespace dharma::cli {

cli_spec::CommandSpec program_spec(const CLI::App& app);

// Marks an option whose value is a file although its help does not say so
// (`drift --state`: "Terraform state (v4 terraform.tfstate ...)"), so the
// completion scripts offer files for it. Changes neither parsing nor --help.
CLI::Option* completes_files(CLI::Option* option);

}  // namespace dharma::cli
