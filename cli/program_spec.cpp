#include "program_spec.hpp"

#include <unordered_set>

namespace dharma::cli {
namespace {

// The options completes_files() marked; CLI11 owns them for the program's life.
std::unordered_set<const CLI::Option*>& file_options() {
  static std::unordered_set<const CLI::Option*> options;
  return options;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  for (const char c : text) {
    if (c == separator) {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  return parts;
}

// "TEXT:{text,json}" -> type TEXT, choices text and json.
void read_type_name(const std::string& full, cli_spec::OptionSpec& spec) {
  const std::size_t colon = full.find(':');
  spec.type_name = full.substr(0, colon);
  if (colon == std::string::npos) {
    return;
  }
  const std::size_t open = full.find('{', colon);
  const std::size_t close = full.find('}', open);
  if (open != std::string::npos && close != std::string::npos && full.find("->", open) > close) {
    spec.choices = split(full.substr(open + 1, close - open - 1), ',');
  }
}

cli_spec::OptionSpec option_spec(const CLI::Option& option) {
  cli_spec::OptionSpec spec;
  spec.short_names = option.get_snames();
  spec.long_names = option.get_lnames();
  if (!option.nonpositional()) {
    spec.positional_name = option.get_name();
  }
  spec.description = option.get_description();
  spec.takes_value = option.get_type_size_max() > 0 && option.get_expected_max() > 0;  // flags expect 0
  if (spec.takes_value) {
    read_type_name(option.get_type_name(), spec);
  }
  spec.default_value = option.get_default_str();
  spec.repeatable = option.get_expected_max() > 1;
  spec.required = option.get_required();
  spec.file_value = file_options().count(&option) > 0;
  return spec;
}

cli_spec::CommandSpec command_spec(const CLI::App& app) {
  cli_spec::CommandSpec spec;
  spec.name = app.get_name();
  spec.description = app.get_description();
  spec.requires_subcommand = app.get_require_subcommand_min() > 0;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) {
      continue;
    }
    (option->nonpositional() ? spec.options : spec.positionals).push_back(option_spec(*option));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (!sub->get_group().empty()) {
      spec.subcommands.push_back(command_spec(*sub));
    }
  }
  return spec;
}

}  // namespace

cli_spec::CommandSpec program_spec(const CLI::App& app) {
  return command_spec(app);
}

CLI::Option* completes_files(CLI::Option* option) {
  file_options().insert(option);
  return option;
}

}  // namespace dharma::cli
