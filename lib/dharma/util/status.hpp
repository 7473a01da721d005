#pragma once
// How long-running work tells a person what it is doing, without printing.
//
// Code below lib/dharma/api/ never writes to stdout or stderr (a ctest,
// tests/docs/no_direct_output.sh, keeps it so). Work that takes a while — the
// migrator now, deploys and load tests later — reports here instead, as
// ninja's builders report to its Status; api::StatusPrinter is the one
// implementation that prints: steps unless --quiet, progress counters only
// on a terminal, notes and warnings always, details only with --verbose. Tests pass a silent or recording
// Status of their own.

#include <cstddef>
#include <string>

namespace dharma::util {

class Status {
 public:
  virtual ~Status() = default;

  // A step begins ("applying V002__tenants.sql").
  virtual void step_started(const std::string& description) = 0;
  // A step ended, however it ended ("applied V002__tenants.sql (12 ms)").
  virtual void step_finished(const std::string& description) = 0;
  // `done` of `total` steps are finished or under way; for a counter on a terminal.
  virtual void progress(std::size_t done, std::size_t total) = 0;
  // Something the person should know that is not a problem.
  virtual void note(const std::string& message) = 0;
  // Something that went wrong without stopping the work.
  virtual void warning(const std::string& message) = 0;
  // More detail for -v (a phase's timings, where settings came from): shown
  // only with --verbose. Nothing by default.
  virtual void detail(const std::string& message) { (void)message; }
  // Replaces the live line (a load test's figures, once a second); an empty
  // `line` removes it. Shown only where a line can be redrawn (a terminal).
  virtual void live(const std::string& line) { (void)line; }
};

// Reports nowhere: for library callers and tests that want silence.
class SilentStatus : public Status {
 public:
  void step_started(const std::string&) override {}
  void step_finished(const std::string&) override {}
  void progress(std::size_t, std::size_t) override {}
  void note(const std::string&) override {}
  void warning(const std::string&) override {}
};

}  // namespace dharma::util
