#pragma once
// A place in an input file: 1-based line and column, as editors show them.

#include <string>

namespace dharma::util {

struct SourceLocation {
  std::string file;
  int line = 0;  // 0 = no position in the file
  int column = 0;

  bool has_position() const { return line > 0; }
  // `file:line:col`, or just `file` when there is no position.
  std::string str() const;
  bool operator==(const SourceLocation&) const = default;
};

}  // namespace dharma::util
