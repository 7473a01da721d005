#include "dharma/util/printable.hpp"

#include <cstdio>

namespace dharma::util {
namespace {

std::string hex_escape(const char* format, unsigned value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) {
    return 1;
  }
  std::size_t length = 0;
  unsigned code_point = 0;
  if (byte >= 0xC2 && byte <= 0xDF) {
    length = 2, code_point = byte & 0x1Fu;
  } else if (byte >= 0xE0 && byte <= 0xEF) {
    length = 3, code_point = byte & 0x0Fu;
  } else if (byte >= 0xF0 && byte <= 0xF4) {
    length = 4, code_point = byte & 0x07u;
  } else {
    return 0;
  }
  if (i + length > text.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0u) != 0x80u) {
      return 0;
    }
    code_point = (code_point << 6) | (next & 0x3Fu);
  }
  const bool overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (overlong || surrogate || code_point > 0x10FFFF) {
    return 0;
  }
  return length;
}

bool needs_escape(std::string_view text, std::size_t i, std::string& escape, std::size_t& length) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) {
    if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7F) {
      escape = hex_escape("\\x%02x", byte);
      length = 1;
      return true;
    }
    return false;
  }
  const std::size_t sequence = utf8_sequence_length(text, i);
  if (sequence == 0) {
    escape = hex_escape("\\x%02x", byte);
    length = 1;
    return true;
  }
  if (sequence == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
    escape = hex_escape("\\u%04x", static_cast<unsigned char>(text[i + 1]));  // C1: U+0080..U+009F
    length = 2;
    return true;
  }
  return false;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::string escape;
  std::size_t copied = 0;  // bytes before this are in `out`; runs of kept bytes are copied at once
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte >= 0x20 && byte < 0x7F) || byte == '\n' || byte == '\t') {
      ++i;  // printable ASCII: kept
      continue;
    }
    std::size_t length = 1;
    if (needs_escape(text, i, escape, length)) {
      out.append(text.substr(copied, i - copied));
      out += escape;
      i += length;
      copied = i;
      continue;
    }
    i += utf8_sequence_length(text, i);  // a valid sequence: kept
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace dharma::util
