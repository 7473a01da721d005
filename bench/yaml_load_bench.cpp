// The YAML loader alone, in one process: yaml::load of one file's bytes
// (already in memory), ROUNDS times, and the median CPU time (this thread's
// user + system) and wall time of one load.
//
//   dharma_yaml_load_bench FILE [ROUNDS]      (default 21)
//
// bench/speed.sh measures whole commands; this isolates the parser and tree
// building (docs/PERFORMANCE.md, "YAML event source").

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "dharma/util/diagnostics.hpp"
#include "dharma/util/file.hpp"
#include "dharma/yaml/loader.hpp"

namespace {

double thread_cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE [ROUNDS]\n", argv[0]);
    return 2;
  }
  const std::string text = dharma::util::read_file(argv[1]);
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 21;
  std::vector<double> cpu;
  std::vector<double> wall;
  for (int round = 0; round < rounds; ++round) {
    dharma::util::Diagnostics diagnostics;
    const double cpu_start = thread_cpu_ms();
    const auto wall_start = std::chrono::steady_clock::now();
    const auto root = dharma::yaml::load(text, argv[1], diagnostics);
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start).count());
    cpu.push_back(thread_cpu_ms() - cpu_start);
    if (!root || diagnostics.has_errors()) {
      std::fprintf(stderr, "%s: did not load cleanly\n", argv[1]);
      return 1;
    }
  }
  std::printf("%s: %zu bytes, median of %d loads: %.2f ms CPU, %.2f ms wall\n", argv[1], text.size(), rounds,
              median(cpu), median(wall));
  return 0;
}
