#include "dharma/util/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dharma::util {

std::unique_ptr<MappedFile> MappedFile::open(const std::string& path, std::size_t max_bytes) {
  struct stat status {};
  // Looked at before opening: opening a named pipe would wait for a writer.
  if (path == "-" || ::stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode)) {
    return nullptr;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return nullptr;
  }
  void* address = MAP_FAILED;
  std::size_t size = 0;
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_size > 0 &&
      static_cast<unsigned long long>(status.st_size) <= max_bytes) {
    size = static_cast<std::size_t>(status.st_size);
    // Populated now: the whole file is read, and one call maps every page instead of a fault per few.
    address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  }
  ::close(fd);  // the mapping keeps the file
  if (address == MAP_FAILED) {
    return nullptr;
  }
  return std::unique_ptr<MappedFile>(new MappedFile(address, size));
}

MappedFile::~MappedFile() {
  ::munmap(m_address, m_size);
}

}  // namespace dharma::util
