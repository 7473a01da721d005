// libyaml names the parser's state ("did not find expected key"); the hints
// below add what the author should do. Positions are the parser's problem
// mark, or for a quoted string that never closes, where the string starts.

#include "dharma/yaml/parse_error.hpp"

#include <yaml.h>

#include <cstdio>
#include <utility>
#include <vector>

namespace dharma::yaml {
namespace {

// Byte offset of the character at 0-based `line` and `column` (counted in
// characters, after a byte-order mark as libyaml counts), or npos.
std::size_t byte_offset(std::string_view text, std::size_t line, std::size_t column) {
  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (; line > 0 && i < text.size(); ++i) {
    if (text[i] == '\n') {
      --line;
    }
  }
  for (; column > 0 && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 &&
        (i + 1 >= text.size() || (static_cast<unsigned char>(text[i + 1]) & 0xC0) != 0x80)) {
      --column;  // the last byte of a character
    }
  }
  return i < text.size() ? i : std::string_view::npos;
}

// 1-based line and column (in characters) of byte `offset` in `text`.
ParseError at_offset(std::string_view text, std::size_t offset, std::string message) {
  ParseError error{1, 1, std::move(message)};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++error.line;
      error.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++error.column;
    }
  }
  return error;
}

char character_at(std::string_view text, const yaml_mark_t& mark) {
  const std::size_t offset = byte_offset(text, mark.line, mark.column);
  return offset == std::string_view::npos ? '\0' : text[offset];
}

}  // namespace

std::string explain_parse_error(const std::string& problem) {
  static const std::vector<std::pair<std::string, std::string>> k_hints{
      {"did not find expected ',' or '}'", "a '{' is not closed with '}'"},
      {"did not find expected ',' or ']'", "a '[' is not closed with ']'"},
      {"did not find expected key", "check the indentation of this line and the one before"},
      {"did not find expected '-' indicator", "check the indentation of this line and the one before"},
      {"did not find expected node content", "check the indentation of this line and the one before"},
      {"could not find expected ':'", "a key needs ': ' after it; check the indentation of this line"},
      {"did not find expected <document start>",
       "after '...' or a '%' directive a new document starts with '---'"},
      {"found character that cannot start any token", "quote a value that starts with '@', '`' or '%'"},
      {"mapping values are not allowed in this context", "a ': ' inside a value needs quotes"},
  };
  if (problem == "the referenced anchor is not defined") {
    return "unknown alias: its anchor is not defined (define it with '&NAME' before using '*NAME')";
  }
  for (const auto& [known, hint] : k_hints) {
    if (problem == known) {
      return problem + " (" + hint + ")";
    }
  }
  return problem;
}

ParseError describe_parse_error(const yaml_parser_s& parser, std::string_view text) {
  if (parser.error == YAML_READER_ERROR && parser.problem_value >= 0) {
    // The reader reports a byte offset, not a mark: a character YAML forbids.
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(parser.problem_value));
    return at_offset(text, parser.problem_offset,
                     std::string("control character ") + code + " is not allowed in YAML (byte offset " +
                         std::to_string(parser.problem_offset) +
                         "); write it escaped inside a double-quoted string, or remove it");
  }
  const std::string problem = parser.problem != nullptr ? parser.problem : "unknown problem";
  const std::string context = parser.context != nullptr ? parser.context : "";
  const auto at = [](const yaml_mark_t& mark, std::string message) {
    return ParseError{static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1, std::move(message)};
  };
  if (context == "while scanning a quoted scalar" && problem == "found unexpected end of stream") {
    const char quote = character_at(text, parser.context_mark) == '\'' ? '\'' : '"';
    return at(parser.context_mark, std::string("a quoted string is not closed: the closing ") + quote +
                                       " is missing before the end of the file");
  }
  if (character_at(text, parser.problem_mark) == '\t' || problem.find("tab character") != std::string::npos) {
    return at(parser.problem_mark, "invalid YAML: " + problem + " (indent with spaces, not tabs)");
  }
  return at(parser.problem_mark, "invalid YAML: " + explain_parse_error(problem));
}

}  // namespace dharma::yaml
