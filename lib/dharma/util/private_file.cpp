#include "dharma/util/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "dharma/util/error.hpp"

namespace fs = std::filesystem;

namespace dharma::util {
namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw Error("cannot write " + path.string() + ": " + what, ExitCode::unavailable);
}

}  // namespace

void write_private_file(const fs::path& path, const std::string& content) {
  const fs::path temporary =
      path.parent_path() / ("." + path.filename().string() + ".new." + std::to_string(::getpid()));
  // O_EXCL: never reuse (or follow a link planted at) the temporary name.
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    fail(temporary, std::strerror(errno));
  }
  std::size_t written = 0;
  bool ok = ::fchmod(fd, 0600) == 0;  // whatever the umask
  while (ok && written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    ok = n >= 0;
    written += ok ? static_cast<std::size_t>(n) : 0;
  }
  const std::string problem = ok ? "" : std::strerror(errno);
  ok = ok && ::fsync(fd) == 0;
  if (::close(fd) != 0 || !ok || ::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = problem.empty() ? std::strerror(errno) : problem;
    ::unlink(temporary.c_str());
    fail(path, reason);
  }
}

}  // namespace dharma::util
