#pragma once
// The spec of format(spec, args...), which both `${...}` languages share:
// text with %s, %v (any scalar), %d (an integer) and %% (a percent sign).
// Parsing it once here keeps the two evaluators' messages identical.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace dharma::expr {

// One piece of a spec: literal text, or the argument a verb stands for.
struct FormatPiece {
  std::string literal;       // when verb is 0
  char verb = 0;             // 's', 'v' or 'd'
  std::size_t argument = 0;  // 1-based position in format()'s arguments
};

// A spec that does not fit its arguments; the message names the problem.
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Splits `spec` for `argument_count` arguments after it. Throws FormatError
// for a lone '%', an unknown verb, or verbs and arguments that do not match.
std::vector<FormatPiece> parse_format(const std::string& spec, std::size_t argument_count);

}  // namespace dharma::expr
