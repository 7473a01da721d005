// The YAML loader alone, in one process: yaml::load of one file's bytes
// (already in memory), ROUNDS times, and the median CPU time (this thread's
// user + system) and wall time of one load.
//
//   dharma_yaml_load_bench FILE [ROUNDS]      (default 21)
//
// bench/speed.sh measures whole commands; this isolates the parser and tree
// building (docs/PERFORMANCE.md, "YAML event source"). It also prints the
// heap the last tree holds (glibc's mallinfo2, in use after the load minus
// before it) per node: the node, its control block, vectors and long scalars.

#include <malloc.h>

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

std::size_t count_nodes(const dharma::yaml::Node& node) {
  std::size_t count = 1;
  for (const auto& item : node.items) {
    count += count_nodes(*item);
  }
  for (const auto& [key, value] : node.entries) {
    count += count_nodes(*key) + count_nodes(*value);
  }
  return count;
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
  std::size_t heap_bytes = 0;
  std::size_t nodes = 0;
  for (int round = 0; round < rounds; ++round) {
    dharma::util::Diagnostics diagnostics;
    const std::size_t heap_before = mallinfo2().uordblks;
    const double cpu_start = thread_cpu_ms();
    const auto wall_start = std::chrono::steady_clock::now();
    const auto root = dharma::yaml::load(text, argv[1], diagnostics);
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start).count());
    cpu.push_back(thread_cpu_ms() - cpu_start);
    heap_bytes = mallinfo2().uordblks - heap_before;
    if (!root || diagnostics.has_errors()) {
      std::fprintf(stderr, "%s: did not load cleanly\n", argv[1]);
      return 1;
    }
    nodes = count_nodes(*root);
  }
  std::printf("%s: %zu bytes, median of %d loads: %.2f ms CPU, %.2f ms wall\n", argv[1], text.size(), rounds,
              median(cpu), median(wall));
  std::printf("tree: %zu nodes, %zu bytes of heap, %.1f bytes per node (sizeof(Node) %zu)\n", nodes,
              heap_bytes, static_cast<double>(heap_bytes) / static_cast<double>(nodes),
              sizeof(dharma::yaml::Node));
  return 0;
}
