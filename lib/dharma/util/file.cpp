#include "dharma/util/file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <sstream>

#include "dharma/util/error.hpp"
#include "dharma/util/interrupt.hpp"

namespace fs = std::filesystem;

namespace dharma::util {
namespace {

std::string random_suffix() {
  std::random_device device;
  std::uniform_int_distribution<unsigned> digits(0, 0xFFFFFF);
  std::ostringstream out;
  out << std::hex << digits(device) << '.' << getpid();
  return out.str();
}

[[noreturn]] void fail_write(const fs::path& path, const std::string& what) {
  throw Error("cannot write " + path.string() + ": " + what, ExitCode::unavailable);
}

void write_all(int fd, const fs::path& path, const std::string& content) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail_write(path, std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
}

// `sync`: fsync the file. replace_directory_atomic() writes many files and
// syncs their file system once instead (one fsync per file made writing
// 4,000 manifests take half a minute).
void write_new_file(const fs::path& path, const std::string& content, bool sync = true) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fail_write(path, std::strerror(errno));
  }
  try {
    write_all(fd, path, content);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if ((sync && ::fsync(fd) != 0) || ::close(fd) != 0) {
    fail_write(path, std::strerror(errno));
  }
}

}  // namespace

namespace {

// Reads a stream to its end, refusing more than `max_bytes` (`what` names it in the message).
std::string read_stream(std::istream& in, std::size_t max_bytes, const std::string& what) {
  std::string content;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > max_bytes) {
      throw Error(what + " is larger than the " + std::to_string(max_bytes / (1024 * 1024)) + " MiB input limit");
    }
  }
  return content;
}

}  // namespace

bool optional_file_exists(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (!ec) {
    return fs::exists(status);
  }
  if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) {
    return false;
  }
  throw Error("cannot tell whether " + path.string() + " exists: " + ec.message() +
              " (run dharma from a directory you can read)");
}

std::string read_file(const fs::path& path, std::size_t max_bytes) {
  if (path == "-") {
    return read_stream(std::cin, max_bytes, "standard input");
  }
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    throw Error(path.string() + ": no such file");
  }
  if (fs::is_directory(status)) {
    throw Error(path.string() + ": is a directory, expected a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(path.string() + ": cannot open file: " + std::strerror(errno));
  }
  if (!fs::is_regular_file(status)) {
    // A pipe, a device or a process substitution (<(...)): no size to ask for.
    return read_stream(in, max_bytes, path.string());
  }
  const auto size = fs::file_size(path, ec);
  if (ec) {
    throw Error(path.string() + ": cannot read file: " + ec.message());
  }
  if (size > max_bytes) {
    throw Error(path.string() + ": file is " + std::to_string(size / (1024 * 1024)) +
                " MiB, larger than the " + std::to_string(max_bytes / (1024 * 1024)) +
                " MiB input limit; split it into smaller files");
  }
  std::string content;
  content.resize(static_cast<std::size_t>(size));
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(in.gcount()));
  return content;
}

void write_file_atomic(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw Error(path.string() + ": is a directory, expected a file path", ExitCode::invalid_input);
  }
  // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place:
  // renaming over it would replace the device node with a regular file.
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
    std::ofstream stream(path, std::ios::binary);
    stream.write(content.data(), static_cast<std::streamsize>(content.size()));
    stream.flush();
    if (!stream) {
      fail_write(path, std::strerror(errno));
    }
    return;
  }
  const DeferInterrupts whole_or_nothing;  // Ctrl-C waits until the file is renamed or removed
  const fs::path parent = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  const fs::path temporary = parent / ("." + path.filename().string() + ".tmp." + random_suffix());
  try {
    write_new_file(temporary, content);
  } catch (...) {
    fs::remove(temporary, ec);
    throw;
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    fs::remove(temporary, ec);
    fail_write(path, reason);
  }
}

void replace_directory_atomic(const fs::path& path, const std::map<std::string, std::string>& files) {
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_directory(path, ec)) {
    throw Error(path.string() + ": exists and is not a directory", ExitCode::invalid_input);
  }
  const fs::path absolute = fs::absolute(path, ec);
  const fs::path parent = absolute.parent_path();
  if (!fs::exists(parent, ec)) {
    fs::create_directories(parent, ec);
    if (ec) {
      fail_write(parent, ec.message());
    }
  }
  const DeferInterrupts whole_or_nothing;  // Ctrl-C waits until the swap is done or undone
  const std::string suffix = random_suffix();
  const fs::path staging = parent / ("." + absolute.filename().string() + ".new." + suffix);
  const fs::path retired = parent / ("." + absolute.filename().string() + ".old." + suffix);
  try {
    fs::create_directory(staging, ec);
    if (ec) {
      fail_write(staging, ec.message());
    }
    for (const auto& [relative, content] : files) {
      const fs::path target = staging / relative;
      fs::create_directories(target.parent_path(), ec);
      if (ec) {
        fail_write(target.parent_path(), ec.message());
      }
      write_new_file(target, content, false);
    }
    const int dir_fd = ::open(staging.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0 || ::syncfs(dir_fd) != 0) {
      const std::string reason = std::strerror(errno);
      if (dir_fd >= 0) {
        ::close(dir_fd);
      }
      fail_write(staging, reason);
    }
    ::close(dir_fd);
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
  const bool had_old = fs::exists(absolute, ec);
  if (had_old && ::rename(absolute.c_str(), retired.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    fs::remove_all(staging, ec);
    fail_write(absolute, reason);
  }
  if (::rename(staging.c_str(), absolute.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    if (had_old) {
      ::rename(retired.c_str(), absolute.c_str());
    }
    fs::remove_all(staging, ec);
    fail_write(absolute, reason);
  }
  if (had_old) {
    fs::remove_all(retired, ec);
  }
}

}  // namespace dharma::util
