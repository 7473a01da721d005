#include "dharma/api/status_printer.hpp"

#include <string>

namespace dharma::api {

StatusPrinter::StatusPrinter(std::ostream& err, const bool& quiet, bool terminal, const bool& verbose)
    : m_err(err), m_quiet(quiet), m_terminal(terminal), m_verbose(verbose) {}

void StatusPrinter::step_line(const std::string& description) {
  if (m_quiet) {
    return;
  }
  if (m_terminal && m_total > 0) {
    m_err << '[' << m_done << '/' << m_total << "] ";
  }
  m_err << description << '\n';
}

void StatusPrinter::step_started(const std::string& description) {
  step_line(description);
}

void StatusPrinter::step_finished(const std::string& description) {
  step_line(description);
}

void StatusPrinter::progress(std::size_t done, std::size_t total) {
  m_done = done;
  m_total = total;
}

// One line a second, each on its own line: the output filter (util/output_stream)
// lets no carriage return or cursor code through, and a scrolling log of
// seconds is what a person reads back after the run anyway.
void StatusPrinter::live(const std::string& line) {
  if (m_terminal && !m_quiet && !line.empty()) {
    m_err << line << '\n';
  }
}

void StatusPrinter::note(const std::string& message) {
  m_err << "dharma: note: " << message << '\n';
}

void StatusPrinter::warning(const std::string& message) {
  m_err << "dharma: warning: " << message << '\n';
}

// Asked for with -v, so shown even with -q beside it.
void StatusPrinter::detail(const std::string& message) {
  if (m_verbose) {
    m_err << "dharma: " << message << '\n';
  }
}

}  // namespace dharma::api
