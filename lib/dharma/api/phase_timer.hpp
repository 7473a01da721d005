#pragma once
// -v: what each phase of a command cost, as a Status detail (stderr): how
// much the anonymous resident memory grew (the heap's fresh pages, which
// are what a large input pays for most on a virtual machine; a mapped
// input file's pages are the page cache's and not counted), what the heap
// holds at the phase's end, the wall time and this process's CPU time (the
// figure that holds on a busy machine): "guard: load blueprints: +12.0 MB
// anonymous resident, 30.5 MB heap in use, 12.30 ms wall, 11.90 ms cpu".
// bench/guard reads the CPU time, the last field.

#include <chrono>
#include <ctime>
#include <string>

#include "dharma/util/status.hpp"

namespace dharma::api {

class PhaseTimer {
 public:
  // `command`: the prefix of each line ("guard", "drift").
  PhaseTimer(bool enabled, std::string command, util::Status& status);
  // Reports the time since the previous lap (or since construction) as `phase`.
  void lap(const std::string& phase);

 private:
  bool m_enabled;
  std::string m_command;
  util::Status& m_status;
  std::chrono::steady_clock::time_point m_wall;
  std::clock_t m_cpu;
  double m_resident_mb;
};

}  // namespace dharma::api
