#pragma once
// Subcommands register themselves: each cli/<name>.cpp defines a
// DHARMA_COMMAND that adds its CLI11 subcommand and flags and calls one
// entry point of lib/dharma/api/ with its options and the CommandContext.
// main.cpp knows none of them by name, so a new subcommand is a new file —
// plus one line in k_command_order (command.cpp), which sets the order of
// `dharma --help`.

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "dharma/api/command_context.hpp"

namespace dharma::cli {

// Adds a subcommand to `app`. The callback it installs must return by
// throwing util::Reported / util::Error or by setting `exit_code`. `context`
// outlives the parse: callbacks capture it by reference.
using CommandRegistrar = std::function<void(CLI::App& app, api::CommandContext& context, int& exit_code)>;

struct CommandEntry {
  std::string name;  // its key in k_command_order
  CommandRegistrar registrar;
};

// Every registered subcommand, in the order of k_command_order. Throws
// std::logic_error naming a registration that the table lacks.
std::vector<CommandEntry> ordered_commands();

struct CommandRegistration {
  CommandRegistration(std::string name, CommandRegistrar registrar);
};

}  // namespace dharma::cli

#define DHARMA_CONCAT_INNER(a, b) a##b
#define DHARMA_CONCAT(a, b) DHARMA_CONCAT_INNER(a, b)
// DHARMA_COMMAND("name", [](CLI::App& app, api::CommandContext& context, int& exit_code) { ... });
#define DHARMA_COMMAND(name, ...) \
  static const ::dharma::cli::CommandRegistration DHARMA_CONCAT(dharma_command_, __LINE__)(name, __VA_ARGS__)
