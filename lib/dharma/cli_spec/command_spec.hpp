#pragma once
// What a shell completion script and a man page need to know about dharma's
// command line, independent of the parser that defines it: every command, its
// options (names, help, default, enumerated values) and positional arguments.
// cli/ fills it by walking the CLI11 app, so completions and man pages are
// generated from the same definitions as `--help` and cannot disagree with it.

#include <string>
#include <vector>

namespace dharma::cli_spec {

// How a value is completed: from `choices`, as a path (a value whose help
// speaks of a file, directory or folder, a FILE, FILES, DIR or DIRS
// positional, or one marked `file_value`), or not at all (numbers, names, text).
enum class ValueKind { path, choice, number, text };

struct OptionSpec {
  std::vector<std::string> short_names;  // "q" for -q
  std::vector<std::string> long_names;   // "quiet" for --quiet
  std::string positional_name;           // "FILE" for a positional argument, else empty
  std::string description;
  std::string type_name;      // TEXT, INT, … as --help shows it; empty for a flag
  std::string default_value;  // empty when none
  std::vector<std::string> choices;
  bool takes_value = false;
  bool repeatable = false;
  bool required = false;
  bool file_value = false;  // the definition says the value is a file, whatever its help says

  ValueKind value_kind() const;
  // "-q, --quiet" or "--format"; the positional name for a positional.
  std::string display_names() const;
  // Every spelling: "-q", "--quiet".
  std::vector<std::string> spellings() const;
};

struct CommandSpec {
  std::string name;
  std::string description;
  std::vector<OptionSpec> options;      // named options, in --help order (hidden ones left out)
  std::vector<OptionSpec> positionals;  // in order
  std::vector<CommandSpec> subcommands;
  bool requires_subcommand = false;
};

// `full_name` joined by spaces from the root: "dharma blueprint validate".
struct CommandPath {
  std::string full_name;
  std::string relative;  // without the root's name: "blueprint validate"; empty for the root
  const CommandSpec* command;
};

// The root and every command below it, depth first, parents before children.
std::vector<CommandPath> all_commands(const CommandSpec& root);

// "[OPTIONS] FILE... [SUBCOMMAND]", as CLI11's usage line shows it.
std::string usage_arguments(const CommandSpec& command);

}  // namespace dharma::cli_spec
