#pragma once
// What bash and zsh scripts share: how a value completes, as one word the
// scripts' drivers understand.

#include <string>

#include "dharma/cli_spec/command_spec.hpp"

namespace dharma::cli_spec {

// "@flag" (takes no value), "@path", "@none" (a number or free text), or the choices separated by spaces.
inline std::string completion_value_word(const OptionSpec& option) {
  if (!option.takes_value) {
    return "@flag";
  }
  switch (option.value_kind()) {
    case ValueKind::path:
      return "@path";
    case ValueKind::number:
    case ValueKind::text:
      return "@none";
    case ValueKind::choice:
      break;
  }
  std::string words;
  for (const auto& choice : option.choices) {
    words += (words.empty() ? "" : " ") + choice;
  }
  return words;
}

// How the first positional argument of `command` completes; empty when it takes none.
inline std::string completion_positional_word(const CommandSpec& command) {
  return command.positionals.empty() ? std::string() : completion_value_word(command.positionals.front());
}

}  // namespace dharma::cli_spec
