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

}  // namespace

namespace {

// Reads a stream to its end, refusing more than `max_bytes` (`what` names it in the message).
std::string read_stream(std::istream& in, std::size_t max_bytes, const std::string& what) {
  std::string content;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (content.size() > max_bytes) {
      throw Error(what + " is larger than the " + std::to_string(max_bytes / (1024 * 1024)) +
                  " MiB input limit");
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

void write_new_file(const fs::path& path, const std::string& content, bool sync) {
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

}  // namespace dharma::util
