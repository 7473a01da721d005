#pragma once
// Turns libyaml's syntax errors into dharma's diagnostics: the position
// (1-based) where the parser stopped and a message that says what to do.

#include <string>
#include <string_view>

struct yaml_parser_s;

namespace dharma::yaml {

struct ParseError {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in characters
  std::string message;
};

// The problem `parser` stopped on; `text` is the input it was reading.
ParseError describe_parse_error(const yaml_parser_s& parser, std::string_view text);

// A parser's wording of a problem, with advice appended for known ones.
std::string explain_parse_error(const std::string& problem);

}  // namespace dharma::yaml
