#include "dharma/util/printable.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

namespace {

bool plain_ascii(unsigned char byte) {
  return (byte >= 0x20 && byte < 0x7F) || byte == '\n' || byte == '\t';
}

}  // namespace

std::size_t plain_ascii_prefix(const char* text, std::size_t size) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
  std::size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time (SSE2 is part of x86-64): a signed compare with
  // 0x20 catches both the C0 controls and every byte from 0x80 (negative).
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i del = _mm_set1_epi8(0x7F);
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i tab = _mm_set1_epi8('\t');
  for (; i + 16 <= size; i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + i));
    const __m128i outside = _mm_or_si128(_mm_cmplt_epi8(bytes, space), _mm_cmpeq_epi8(bytes, del));
    const __m128i kept = _mm_or_si128(_mm_cmpeq_epi8(bytes, newline), _mm_cmpeq_epi8(bytes, tab));
    const int stops = _mm_movemask_epi8(_mm_andnot_si128(kept, outside));
    if (stops != 0) {
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(stops)));
    }
  }
#endif
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text + i, 8);
    // Every byte of the word is 0x20..0x7E unless a high bit shows: of the
    // byte itself (0x80 and up), of byte - 0x20 (below 0x20 borrows) or of
    // byte + 1 (0x7F carries). Borrows and carries that travel to the next
    // byte can flag a word that is all plain (then its bytes are looked at
    // one by one), never hide a byte that is not.
    const std::uint64_t flagged = (word | (word - k_ones * 0x20) | (word + k_ones)) & k_highs;
    if (flagged == 0) {
      continue;
    }
    for (std::size_t k = 0; k < 8; ++k) {
      if (!plain_ascii(static_cast<unsigned char>(text[i + k]))) {
        return i + k;
      }
    }
  }
  for (; i < size; ++i) {
    if (!plain_ascii(static_cast<unsigned char>(text[i]))) {
      return i;
    }
  }
  return size;
}

void append_printable(std::string& out, std::string_view text) {
  std::string escape;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t run = plain_ascii_prefix(text.data() + i, text.size() - i);
    if (run > 0) {
      out.append(text.data() + i, run);  // kept bytes are copied a run at a time
      i += run;
      continue;
    }
    std::size_t length = 1;
    if (needs_escape(text, i, escape, length)) {
      out += escape;
      i += length;
      continue;
    }
    length = utf8_sequence_length(text, i);  // a valid sequence: kept
    out.append(text.data() + i, length);
    i += length;
  }
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_printable(out, text);
  return out;
}

}  // namespace dharma::util
