#pragma once
// The one util::Status that prints: to the command's error stream, step
// lines as they are ("applying V002__tenants.sql") unless --quiet, notes and
// warnings always as `dharma: note: …` / `dharma: warning: …`, details
// (-v) as `dharma: …` only with --verbose. On a terminal
// a step line that follows progress() carries a `[3/7]` counter; elsewhere
// (pipes, CI, tests) the output is the same lines without it. A load test's
// live line (once a second) is shown only on a terminal.

#include <cstddef>
#include <ostream>

#include "dharma/util/status.hpp"

namespace dharma::api {

class StatusPrinter : public util::Status {
 public:
  // `quiet` and `verbose` are read at each call (they point at the --quiet
  // and --verbose flags, set after parsing).
  StatusPrinter(std::ostream& err, const bool& quiet, bool terminal, const bool& verbose);

  void step_started(const std::string& description) override;
  void step_finished(const std::string& description) override;
  void progress(std::size_t done, std::size_t total) override;
  void note(const std::string& message) override;
  void warning(const std::string& message) override;
  void detail(const std::string& message) override;
  void live(const std::string& line) override;

 private:
  void step_line(const std::string& description);

  std::ostream& m_err;
  const bool& m_quiet;
  bool m_terminal;
  const bool& m_verbose;
  std::size_t m_done = 0;
  std::size_t m_total = 0;
};

}  // namespace dharma::api
