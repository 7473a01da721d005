#include "dharma/deploy/fault_pause.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace dharma::deploy {

void pause_point(const char* point) {
  const char* wanted = std::getenv("DHARMA_DEPLOY_PAUSE");
  if (wanted == nullptr || std::strcmp(wanted, point) != 0) {
    return;
  }
  const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  while (std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace dharma::deploy
