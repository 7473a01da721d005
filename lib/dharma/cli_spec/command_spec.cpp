#include "dharma/cli_spec/command_spec.hpp"

#include <algorithm>
#include <array>
#include <regex>

namespace dharma::cli_spec {
namespace {

void collect(const CommandSpec& command, const std::string& full_name, const std::string& relative,
             std::vector<CommandPath>& out) {
  out.push_back({full_name, relative, &command});
  for (const auto& sub : command.subcommands) {
    collect(sub, full_name + " " + sub.name, relative.empty() ? sub.name : relative + " " + sub.name, out);
  }
}

}  // namespace

ValueKind OptionSpec::value_kind() const {
  if (!choices.empty()) {
    return ValueKind::choice;
  }
  static const std::array<std::string, 5> k_number_types{"INT", "UINT", "FLOAT", "NUMBER", "POSITIVE"};
  const bool number =
      std::find(k_number_types.begin(), k_number_types.end(), type_name) != k_number_types.end();
  if (number) {
    return ValueKind::number;
  }
  static const std::regex k_path_words(R"(\b(files?|director(y|ies)|folders?|FILE|DIR)\b)",
                                       std::regex::icase);
  static const std::array<std::string, 4> k_path_positionals{"FILE", "FILES", "DIR", "DIRS"};
  const bool path_positional = std::find(k_path_positionals.begin(), k_path_positionals.end(),
                                         positional_name) != k_path_positionals.end();
  const bool path = file_value || path_positional || std::regex_search(description, k_path_words);
  return path ? ValueKind::path : ValueKind::text;
}

std::vector<std::string> OptionSpec::spellings() const {
  std::vector<std::string> names;
  for (const auto& name : short_names) {
    names.push_back("-" + name);
  }
  for (const auto& name : long_names) {
    names.push_back("--" + name);
  }
  return names;
}

std::string OptionSpec::display_names() const {
  if (!positional_name.empty()) {
    return positional_name;
  }
  std::string text;
  for (const auto& name : spellings()) {
    text += (text.empty() ? "" : ", ") + name;
  }
  return text;
}

std::vector<CommandPath> all_commands(const CommandSpec& root) {
  std::vector<CommandPath> out;
  collect(root, root.name, "", out);
  return out;
}

std::string usage_arguments(const CommandSpec& command) {
  std::string text = command.options.empty() ? "" : "[OPTIONS]";
  for (const auto& positional : command.positionals) {
    std::string name = positional.positional_name + (positional.repeatable ? "..." : "");
    text += (text.empty() ? "" : " ") + (positional.required ? name : "[" + name + "]");
  }
  if (!command.subcommands.empty()) {
    text +=
        std::string(text.empty() ? "" : " ") + (command.requires_subcommand ? "SUBCOMMAND" : "[SUBCOMMAND]");
  }
  return text;
}

}  // namespace dharma::cli_spec
