// util::printable and util::OutputStreambuf: what reaches a person's
// terminal has no control character from input, however the text is cut
// into writes; machine formats pass exactly; failed writes are remembered.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <string>

#include "dharma/util/output_stream.hpp"
#include "dharma/util/printable.hpp"

using dharma::util::OutputStreambuf;
using dharma::util::printable;

TEST_CASE("printable escapes C0 controls but newline and tab, DEL, C1 and bytes that are not UTF-8") {
  CHECK(printable("a\x1b]0;t\x07z") == "a\\x1b]0;t\\x07z");
  CHECK(printable(std::string("nul\0end", 7)) == "nul\\x00end");
  CHECK(printable("line\nnext\tcell\r") == "line\nnext\tcell\\x0d");
  CHECK(printable("del\x7f") == "del\\x7f");
  CHECK(printable("csi\xc2\x9b"
                  "31m") == "csi\\u009b31m");
  CHECK(printable("bad\xff\xfe") == "bad\\xff\\xfe");
  CHECK(printable("cut \xe2\x82") == "cut \\xe2\\x82");
}

TEST_CASE("printable keeps printable UTF-8 as it is") {
  CHECK(printable("caf\xc3\xa9 \xe2\x98\x95 \xf0\x9d\x84\x9e \xc2\xa0") ==
        "caf\xc3\xa9 \xe2\x98\x95 \xf0\x9d\x84\x9e \xc2\xa0");
}

namespace {

// A pipe whose reading end collects what the buffer wrote.
struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() { REQUIRE(::pipe(fds) == 0); }
  ~Pipe() {
    for (int fd : fds) {
      if (fd >= 0) {
        ::close(fd);
      }
    }
  }
  std::string drain() {
    ::close(fds[1]);
    fds[1] = -1;
    std::string out;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }
};

}  // namespace

TEST_CASE("OutputStreambuf escapes a UTF-8 character or a control cut across two writes exactly once") {
  Pipe pipe;
  OutputStreambuf buffer(pipe.fds[1], stderr);
  std::ostream out(&buffer);
  out << "caf\xc3" << std::flush << "\xa9 \xc2" << std::flush << "\x9b"
      << "\x1b[2J" << std::flush;
  buffer.finish();
  CHECK(pipe.drain() == "caf\xc3\xa9 \\u009b\\x1b[2J");
}

TEST_CASE("OutputStreambuf writes everything exactly when escaping is off") {
  Pipe pipe;
  OutputStreambuf buffer(pipe.fds[1], stderr);
  buffer.set_escaping(false);
  std::ostream out(&buffer);
  const std::string exact = "{\"k\": \"\x7f\xc2\x9b\"}\n";
  out << exact;
  buffer.finish();
  CHECK(pipe.drain() == exact);
}

TEST_CASE("OutputStreambuf: a closed reader is a quiet end, a full device an error") {
  {
    Pipe pipe;
    ::close(pipe.fds[0]);
    pipe.fds[0] = -1;
    void (*previous)(int) = std::signal(SIGPIPE, SIG_IGN);
    OutputStreambuf buffer(pipe.fds[1], stderr);
    std::ostream out(&buffer);
    out << std::string(100000, 'x') << std::flush;
    buffer.finish();
    std::signal(SIGPIPE, previous);
    CHECK(buffer.reader_gone());
    CHECK(buffer.write_error() == 0);
    CHECK(out.good());
  }
  const int full = ::open("/dev/full", O_WRONLY);
  REQUIRE(full >= 0);
  OutputStreambuf buffer(full, stderr);
  std::ostream out(&buffer);
  out << "lost\n";
  buffer.finish();
  ::close(full);
  CHECK(buffer.write_error() == ENOSPC);
  CHECK_FALSE(buffer.reader_gone());
}

TEST_CASE("OutputStreambuf lets only dharma's own colour codes through, and only while colour is on") {
  const char* no_color = std::getenv("NO_COLOR");
  const std::string saved = no_color != nullptr ? no_color : "";
  ::unsetenv("NO_COLOR");
  Pipe pipe;
  const int terminal = ::posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(terminal >= 0);
  std::FILE* tty = ::fdopen(terminal, "r+");
  REQUIRE(tty != nullptr);
  {
    OutputStreambuf buffer(pipe.fds[1], tty);  // colour is judged on `tty`, bytes go to the pipe
    std::ostream out(&buffer);
    out << "\x1b[1;31mFAIL\x1b[0m \x1b[8mhidden\x1b[0m \x1b]0;title\x07 \x1b[2J";
    buffer.finish();
  }
  std::fclose(tty);
  if (no_color != nullptr) {
    ::setenv("NO_COLOR", saved.c_str(), 1);
  }
  CHECK(pipe.drain() == "\x1b[1;31mFAIL\x1b[0m \\x1b[8mhidden\x1b[0m \\x1b]0;title\\x07 \\x1b[2J");
}

namespace {

// printable's rules one byte at a time, as it was written before the
// word-at-a-time scan: the reference the fast path is checked against.
std::string printable_reference(std::string_view text) {
  std::string out;
  std::string escape;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    if (dharma::util::needs_escape(text, i, escape, length)) {
      out += escape;
      i += length;
      continue;
    }
    length = dharma::util::utf8_sequence_length(text, i);
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

}  // namespace

TEST_CASE(
    "printable's word-at-a-time scan stops at every byte the one-by-one rules escape, wherever it sits") {
  // Each byte value at each position of a 43-byte plain text (two blocks of
  // 16, a word of 8 and a tail of 3), between neighbours that make the word
  // test carry or borrow.
  for (const char neighbour : {'a', ' ', '~', '\n', '\t'}) {
    for (unsigned value = 0; value < 256; ++value) {
      for (std::size_t at = 0; at < 43; ++at) {
        std::string text(43, neighbour);
        text[at] = static_cast<char>(value);
        const bool plain = (value >= 0x20 && value < 0x7F) || value == '\n' || value == '\t';
        CHECK(dharma::util::plain_ascii_prefix(text.data(), text.size()) == (plain ? 43 : at));
        CHECK(printable(text) == printable_reference(text));
      }
    }
  }
}

TEST_CASE("printable gives the one-by-one rules' text for random bytes") {
  unsigned state = 12345;
  auto next = [&state] {
    state = state * 1103515245U + 12345U;
    return (state >> 16U) & 0xFFU;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string text(next() % 64, ' ');
    for (char& c : text) {
      const unsigned pick = next();
      // mostly plain ASCII, as real text is, with controls, DEL, C1 and UTF-8 lead bytes mixed in
      c = static_cast<char>(pick < 200 ? 0x20 + pick % 0x5F : pick);
    }
    CHECK(printable(text) == printable_reference(text));
  }
}
