#pragma once
// A failure found in an input file below lib/dharma/api/, carried up with
// its located diagnostics instead of printed where it was found (nothing
// below api/ prints): cli/main.cpp prints them as FILE:LINE:COL lines, then
// the summary (if any) as `dharma: error: SUMMARY`, and returns `code()`. Being a util::Reported, code that
// only wants the exit code can catch it as one.

#include <string>
#include <utility>

#include "dharma/util/diagnostics.hpp"
#include "dharma/util/error.hpp"

namespace dharma::util {

class DiagnosedError : public Reported {
 public:
  DiagnosedError(Diagnostics diagnostics, ExitCode code, std::string summary = {})
      : Reported(code), m_diagnostics(std::move(diagnostics)), m_summary(std::move(summary)) {}
  const Diagnostics& diagnostics() const { return m_diagnostics; }
  const std::string& summary() const { return m_summary; }

 private:
  Diagnostics m_diagnostics;
  std::string m_summary;
};

}  // namespace dharma::util
