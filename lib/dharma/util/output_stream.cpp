#include "dharma/util/output_stream.hpp"

#include <unistd.h>

#include <cerrno>

#include "dharma/util/printable.hpp"
#include "dharma/util/terminal.hpp"

namespace dharma::util {
namespace {

constexpr std::size_t k_buffer_size = 64 * 1024;
constexpr std::size_t k_longest_sgr = 32;

// The colour codes dharma writes (bold, dim, red, yellow, magenta, cyan,
// green, reset). Only these pass while colour is on: text from input can at
// most recolour itself, never hide, move, clear or retitle anything.
bool is_own_colour(std::string_view parameters) {
  static const std::string_view k_own[] = {"0", "1", "2", "31", "32", "33", "35", "36", "1;31", "1;32"};
  for (const auto own : k_own) {
    if (parameters == own) {
      return true;
    }
  }
  return false;
}

// Length of one of dharma's colour sequences (ESC [ parameters m) at `i`; 0
// when there is none, SIZE_MAX when the text ends before it could be told.
std::size_t sgr_length(const std::string& text, std::size_t i) {
  std::size_t k = i + 1;
  if (k == text.size()) {
    return SIZE_MAX;
  }
  if (text[k] != '[') {
    return 0;
  }
  for (++k; k < text.size() && k - i < k_longest_sgr; ++k) {
    const char c = text[k];
    if (c == 'm') {
      return is_own_colour(std::string_view(text).substr(i + 2, k - i - 2)) ? k - i + 1 : 0;
    }
    if ((c < '0' || c > '9') && c != ';') {
      return 0;
    }
  }
  return k == text.size() && k - i < k_longest_sgr ? SIZE_MAX : 0;
}

// Bytes at the end of `text` that begin a UTF-8 sequence the text cuts off.
std::size_t cut_utf8_tail(const std::string& text) {
  for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
    const auto byte = static_cast<unsigned char>(text[text.size() - back]);
    if ((byte & 0xC0u) == 0x80u) {
      continue;  // a continuation byte: look further back for the lead
    }
    const std::size_t needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

}  // namespace

OutputStreambuf::OutputStreambuf(int fd, std::FILE* stream)
    : m_fd(fd), m_stream(stream), m_buffer(k_buffer_size) {
  setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

OutputStreambuf::int_type OutputStreambuf::overflow(int_type c) {
  drain(false);
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int OutputStreambuf::sync() {
  drain(false);
  return 0;  // failures are reported once, by main(), not as a bad stream
}

void OutputStreambuf::finish() {
  drain(true);
}

void OutputStreambuf::drain(bool final) {
  m_pending.append(pbase(), pptr());
  setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
  if (m_pending.empty()) {
    return;
  }
  if (!m_escaping) {
    write_all(m_pending);
    m_pending.clear();
    return;
  }
  std::string out;
  const std::size_t used = escape_into(out, final);
  write_all(out);
  m_pending.erase(0, used);
}

// Escapes m_pending into `out`; returns how many bytes it consumed. Without
// `final` an unfinished sequence at the end waits for the next write.
std::size_t OutputStreambuf::escape_into(std::string& out, bool final) {
  const std::string& text = m_pending;
  std::size_t end = text.size();
  if (!final) {
    end -= cut_utf8_tail(text);
  }
  out.reserve(end);
  const std::string_view view(text.data(), end);
  std::string escape;
  std::size_t i = 0;
  while (i < end) {
    // printable ASCII, the common case, is copied a run at a time
    const std::size_t run = plain_ascii_prefix(text.data() + i, end - i);
    if (run > 0) {
      out.append(text, i, run);
      i += run;
      continue;
    }
    if (text[i] == '\x1b' && use_color(m_stream)) {
      const std::size_t length = sgr_length(text, i);
      if (length == SIZE_MAX && !final) {
        return i;  // the rest of the sequence is still to come
      }
      if (length != 0 && length != SIZE_MAX) {
        out.append(text, i, length);
        i += length;
        continue;
      }
    }
    std::size_t length = 1;
    if (needs_escape(view, i, escape, length)) {
      out += escape;
      i += length;
      continue;
    }
    length = utf8_sequence_length(view, i);  // valid here: needs_escape said so
    out.append(text, i, length);
    i += length;
  }
  return end;
}

void OutputStreambuf::write_all(const std::string& bytes) {
  if (m_closed && !bytes.empty() && m_write_error == 0) {
    m_write_error = EBADF;
  }
  std::size_t done = 0;
  while (done < bytes.size() && !m_reader_gone && m_write_error == 0) {
    const ssize_t written = ::write(m_fd, bytes.data() + done, bytes.size() - done);
    if (written >= 0) {
      done += static_cast<std::size_t>(written);
    } else if (errno == EPIPE) {
      m_reader_gone = true;
    } else if (errno != EINTR) {
      m_write_error = errno;
    }
  }
}

}  // namespace dharma::util
