#pragma once
// A regular file mapped read-only into memory. Its bytes are the page
// cache's own pages: reading a large input this way copies nothing and
// takes no fresh memory, where a buffer of its size is memory the kernel
// must find and zero first (on this project's machines the largest single
// cost of `drift` on a 16 MB state; docs/PERFORMANCE.md). The view lives as
// long as the MappedFile.
//
// A file truncated by another process while mapped makes reads past its new
// end fail with SIGBUS; callers map only inputs a user hands in to read
// (state files), as tools that mmap their inputs do.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace dharma::util {

class MappedFile {
 public:
  // Maps `path` when it is a regular, non-empty file of at most `max_bytes`;
  // nullptr otherwise (standard input "-", a pipe, a missing or oversized
  // file, mmap refused), so the caller reads it the usual way and gives
  // that path's messages.
  static std::unique_ptr<MappedFile> open(const std::string& path, std::size_t max_bytes);

  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view text() const { return {static_cast<const char*>(m_address), m_size}; }

 private:
  MappedFile(void* address, std::size_t size) : m_address(address), m_size(size) {}
  void* m_address;
  std::size_t m_size;
};

}  // namespace dharma::util
