#pragma once
// An advisory lock on a directory (flock(2) on the directory itself, so no
// lock file is left in it): serialises the dharma processes that write one
// output folder. The kernel drops the lock when the process ends, however it
// ends, so a killed run never leaves a stale lock behind.

#include <chrono>
#include <filesystem>

namespace dharma::util {

class DirectoryLock {
 public:
  enum class Mode { shared, exclusive };

  // Opens `dir` (which must exist) without locking it yet. Throws Error
  // (exit 3) when it cannot be opened.
  DirectoryLock(const std::filesystem::path& dir, Mode mode);
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

  // Takes the lock at once if it is free; false when another process holds it.
  bool try_lock();
  // Waits up to `wait` for it; throws Error (exit 4) naming the directory
  // when it is still held after that.
  void lock(std::chrono::milliseconds wait);

 private:
  std::filesystem::path m_dir;
  Mode m_mode;
  int m_fd = -1;
};

}  // namespace dharma::util
