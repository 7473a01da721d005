#pragma once
// Quoting text into the generated shell scripts.

#include <string>

namespace dharma::cli_spec {

// 'text' for bash and zsh: a single quote becomes '\''.
inline std::string posix_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

// 'text' for fish: backslash and single quote are escaped with a backslash.
inline std::string fish_quote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'' || c == '\\') {
      quoted += '\\';
    }
    quoted += c;
  }
  return quoted + "'";
}

}  // namespace dharma::cli_spec
