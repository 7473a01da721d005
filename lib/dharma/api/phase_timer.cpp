#include "dharma/api/phase_timer.hpp"

#include <malloc.h>
#include <unistd.h>

#include <fstream>
#include <iomanip>
#include <sstream>
#include <utility>

namespace dharma::api {
namespace {

// This process's anonymous resident memory in MB (/proc/self/statm: the
// resident pages less the file-backed ones), 0 where unknown. A mapped
// input file's pages are the page cache's; the heap's are fresh pages.
double anonymous_resident_mb() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0;
  long long resident = 0;
  long long file_backed = 0;
  if (!(statm >> size >> resident >> file_backed)) {
    return 0;
  }
  return static_cast<double>(resident - file_backed) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

// What the heap holds in MB (malloc's bytes in use, mapped blocks too):
// against the resident growth it tells memory kept from memory freed and
// reused.
double heap_in_use_mb() {
  const struct mallinfo2 info = mallinfo2();
  return static_cast<double>(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

}  // namespace

PhaseTimer::PhaseTimer(bool enabled, std::string command, util::Status& status)
    : m_enabled(enabled),
      m_command(std::move(command)),
      m_status(status),
      m_wall(std::chrono::steady_clock::now()),
      m_cpu(std::clock()),
      m_resident_mb(enabled ? anonymous_resident_mb() : 0) {}

void PhaseTimer::lap(const std::string& phase) {
  const auto wall = std::chrono::steady_clock::now();
  const std::clock_t cpu = std::clock();
  if (m_enabled) {
    const double resident = anonymous_resident_mb();
    const double wall_ms = std::chrono::duration<double, std::milli>(wall - m_wall).count();
    const double cpu_ms = 1000.0 * static_cast<double>(cpu - m_cpu) / CLOCKS_PER_SEC;
    std::ostringstream line;
    line << m_command << ": " << phase << ": " << std::fixed << std::setprecision(1) << std::showpos
         << resident - m_resident_mb << std::noshowpos << " MB anonymous resident, " << heap_in_use_mb()
         << " MB heap in use, " << std::setprecision(2) << wall_ms << " ms wall, " << cpu_ms << " ms cpu";
    m_status.detail(line.str());
    m_resident_mb = resident;
  }
  m_wall = wall;
  m_cpu = cpu;
}

}  // namespace dharma::api
