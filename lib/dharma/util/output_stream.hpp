#pragma once
// The stream buffer under std::cout and std::cerr (installed by cli/main.cpp).
//
// It writes straight to the file descriptor so that every failed write is
// seen: a reader that closed the pipe (EPIPE, with SIGPIPE ignored) makes the
// rest of the output quietly go nowhere, and any other failure (ENOSPC on
// /dev/full, EIO) is remembered for main() to report as exit 3.
//
// While `escaping` is on, text passes through util::printable's rules on its
// way out, so no control character from input reaches a terminal; the colour
// codes dharma itself writes (a fixed set of SGR sequences, ESC [ 31 m ...)
// pass only while colour is in use for the stream. Machine formats (JSON, SARIF, YAML, ...) turn
// escaping off: they escape by their own rules and stay exact.

#include <cstdio>
#include <streambuf>
#include <string>
#include <vector>

namespace dharma::util {

class OutputStreambuf : public std::streambuf {
 public:
  // `stream`: the stdio stream of the same descriptor, for util::use_color.
  OutputStreambuf(int fd, std::FILE* stream);
  OutputStreambuf(const OutputStreambuf&) = delete;
  OutputStreambuf& operator=(const OutputStreambuf&) = delete;

  void set_escaping(bool escaping) { m_escaping = escaping; }
  // The descriptor was closed when dharma started (`>&-`; main() put
  // /dev/null there so no file opened later takes its number): every write fails with EBADF.
  void set_closed() { m_closed = true; }
  // Writes everything held back (an unfinished UTF-8 or colour sequence too).
  void finish();

  // The reader closed the pipe; later output was dropped.
  bool reader_gone() const { return m_reader_gone; }
  // errno of the first failed write other than EPIPE, 0 when none failed.
  int write_error() const { return m_write_error; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  void drain(bool final);
  std::size_t escape_into(std::string& out, bool final);
  void write_all(const std::string& bytes);

  int m_fd;
  std::FILE* m_stream;
  bool m_escaping = true;
  bool m_closed = false;
  bool m_reader_gone = false;
  int m_write_error = 0;
  std::vector<char> m_buffer;
  std::string m_pending;  // bytes taken from the buffer but not yet written
};

}  // namespace dharma::util
