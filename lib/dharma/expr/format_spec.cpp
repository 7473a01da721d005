#include "dharma/expr/format_spec.hpp"

namespace dharma::expr {

std::vector<FormatPiece> parse_format(const std::string& spec, std::size_t argument_count) {
  std::vector<FormatPiece> pieces;
  std::string literal;
  std::size_t next = 1;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] != '%') {
      literal += spec[i];
      continue;
    }
    if (i + 1 >= spec.size()) {
      throw FormatError("format() spec ends with a lone '%'");
    }
    const char verb = spec[++i];
    if (verb == '%') {
      literal += '%';
      continue;
    }
    if (verb != 's' && verb != 'd' && verb != 'v') {
      throw FormatError(std::string("format() supports %s, %d, %v and %%, not %") + verb);
    }
    if (next > argument_count) {
      throw FormatError("format() has more verbs than arguments");
    }
    if (!literal.empty()) {
      pieces.push_back({literal, 0, 0});
      literal.clear();
    }
    pieces.push_back({"", verb, next++});
  }
  if (next != argument_count + 1) {
    throw FormatError("format() has more arguments than verbs");
  }
  if (!literal.empty()) {
    pieces.push_back({literal, 0, 0});
  }
  return pieces;
}

}  // namespace dharma::expr
