#pragma once
// Collects every problem found in an input before failing once (the mold
// "checkpoint" idea): a blueprint with five errors shows five errors.

#include <string>
#include <vector>

#include "dharma/util/source_location.hpp"

namespace dharma::util {

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation location;
  std::string message;
};

class Diagnostics {
 public:
  void error(const SourceLocation& where, std::string message);
  void warning(const SourceLocation& where, std::string message);
  void add(Diagnostic diagnostic);

  bool has_errors() const { return m_error_count > 0; }
  std::size_t error_count() const { return m_error_count; }
  std::size_t warning_count() const { return m_warning_count; }
  const std::vector<Diagnostic>& all() const { return m_items; }
  // Errors and warnings ordered by file, line and column (stable otherwise).
  std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> m_items;
  std::size_t m_error_count = 0;
  std::size_t m_warning_count = 0;
};

// `file:line:col: error: message` (CLI.md), or `dharma: error: message` without a file.
std::string format_diagnostic(const Diagnostic& diagnostic);
const char* severity_name(Severity severity);

}  // namespace dharma::util
