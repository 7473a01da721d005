#include "dharma/util/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace dharma::util {

void Diagnostics::error(const SourceLocation& where, std::string message) {
  add({Severity::error, where, std::move(message)});
}

void Diagnostics::warning(const SourceLocation& where, std::string message) {
  add({Severity::warning, where, std::move(message)});
}

void Diagnostics::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::error) {
    ++m_error_count;
  } else if (diagnostic.severity == Severity::warning) {
    ++m_warning_count;
  }
  m_items.push_back(std::move(diagnostic));
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> items = m_items;
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
  return items;
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
  const std::string where = diagnostic.location.file.empty() ? "dharma" : diagnostic.location.str();
  return where + ": " + severity_name(diagnostic.severity) + ": " + diagnostic.message;
}

}  // namespace dharma::util
