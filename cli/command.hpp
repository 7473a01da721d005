#pragma once
// Subcommands register themselves: each cli/<name>.cpp defines a
// DHARMA_COMMAND that adds its CLI11 subcommand and flags and calls one
// function of lib/dharma/api/. main.cpp knows none of them by name, so a new
// subcommand is a new file.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace dharma::cli {

// Flags every subcommand shares (CLI.md).
struct GlobalOptions {
  bool no_color = false;
  bool quiet = false;
  bool verbose = false;
};

// Adds a subcommand to `app`. The callback it installs must return by
// throwing util::Reported / util::Error or by setting `exit_code`.
using CommandRegistrar = std::function<void(CLI::App& app, GlobalOptions& options, int& exit_code)>;

struct CommandEntry {
  int order;  // position in `dharma --help`
  CommandRegistrar registrar;
};

// Registry of every subcommand linked into the binary.
std::vector<CommandEntry>& command_registry();

struct CommandRegistration {
  CommandRegistration(int order, CommandRegistrar registrar);
};

}  // namespace dharma::cli

#define DHARMA_CONCAT_INNER(a, b) a##b
#define DHARMA_CONCAT(a, b) DHARMA_CONCAT_INNER(a, b)
// DHARMA_COMMAND(order, [](CLI::App& app, GlobalOptions& options, int& exit_code) { ... });
#define DHARMA_COMMAND(order, ...) \
  static const ::dharma::cli::CommandRegistration DHARMA_CONCAT(dharma_command_, __LINE__)(order, __VA_ARGS__)
