// How much a time limit costs a command run by util::ProcessRunner (deploy's
// start and stop commands): ROUNDS runs of `/bin/sh -c COMMAND` through run()
// and run_limited() (5-minute limit), interleaved so both see the same load,
// with wall time and CPU time (user+sys, dharma and the child) per command.
//   build/bench/dharma_process_runner_bench ROUNDS COMMAND
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "dharma/util/process_runner.hpp"

using namespace std::chrono;

static double cpu_ms() {
  rusage self{}, kids{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &kids);
  auto ms = [](timeval t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
  return ms(self.ru_utime) + ms(self.ru_stime) + ms(kids.ru_utime) + ms(kids.ru_stime);
}
int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: dharma_process_runner_bench ROUNDS COMMAND\n");
    return 2;
  }
  const int rounds = std::stoi(argv[1]);
  const std::string command = argv[2];
  dharma::util::ProcessRunner runner;
  double wall[2] = {0, 0}, cpu[2] = {0, 0};
  for (int i = 0; i < rounds; ++i) {
    for (int which = 0; which < 2; ++which) {
      const auto t0 = steady_clock::now();
      const double c0 = cpu_ms();
      if (which == 0) {
        runner.run({"/bin/sh", "-c", command}, "bench");
      } else {
        runner.run_limited({"/bin/sh", "-c", command}, "bench", minutes(5));
      }
      wall[which] += duration<double, std::milli>(steady_clock::now() - t0).count();
      cpu[which] += cpu_ms() - c0;
    }
  }
  std::printf("%-12s wall %.2f ms/command  cpu(user+sys, incl. child) %.2f ms/command\n", "run",
              wall[0] / rounds, cpu[0] / rounds);
  std::printf("%-12s wall %.2f ms/command  cpu(user+sys, incl. child) %.2f ms/command\n", "run_limited",
              wall[1] / rounds, cpu[1] / rounds);
  std::printf("ratio run_limited/run: wall %.2f, cpu %.2f\n", wall[1] / wall[0], cpu[1] / cpu[0]);
}
