#include "dharma/util/directory_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "dharma/util/error.hpp"

namespace dharma::util {

DirectoryLock::DirectoryLock(const std::filesystem::path& dir, Mode mode) : m_dir(dir), m_mode(mode) {
  m_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (m_fd < 0) {
    throw Error("cannot open " + dir.string() + ": " + std::strerror(errno), ExitCode::unavailable);
  }
}

DirectoryLock::~DirectoryLock() {
  if (m_fd >= 0) {
    ::close(m_fd);  // releases the lock
  }
}

bool DirectoryLock::try_lock() {
  const int operation = (m_mode == Mode::exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
  while (::flock(m_fd, operation) != 0) {
    if (errno == EWOULDBLOCK) {
      return false;
    }
    if (errno != EINTR) {
      throw Error("cannot lock " + m_dir.string() + ": " + std::strerror(errno), ExitCode::unavailable);
    }
  }
  return true;
}

void DirectoryLock::lock(std::chrono::milliseconds wait) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (!try_lock()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      throw Error("another dharma process is writing " + m_dir.string() +
                      " (it holds the lock on the folder); waited " + std::to_string(wait.count() / 1000) +
                      " s, try again when it has finished",
                  ExitCode::refused);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace dharma::util
