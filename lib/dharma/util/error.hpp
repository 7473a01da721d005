#pragma once
// The two exception types dharma throws. `Error` carries the exit code the
// top-level catch in main() returns; nothing else is ever thrown on purpose.

#include <stdexcept>
#include <string>

#include "dharma/util/exit_code.hpp"

namespace dharma::util {

// A failure the user can act on: printed as `dharma: error: MESSAGE`.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::invalid_input)
      : std::runtime_error(message), m_code(code) {}
  ExitCode code() const { return m_code; }

 private:
  ExitCode m_code;
};

// Diagnostics were already printed; main() only returns `code`.
class Reported : public std::exception {
 public:
  explicit Reported(ExitCode code) : m_code(code) {}
  const char* what() const noexcept override { return "errors were reported"; }
  ExitCode code() const { return m_code; }

 private:
  ExitCode m_code;
};

}  // namespace dharma::util
