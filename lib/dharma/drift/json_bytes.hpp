#pragma once
// The byte-level pieces of drift's JSON reader (json_reader.cpp), apart so
// the reader's file holds the reader: scans that skip the bytes a string or
// a run of spaces needs no look at, sixteen bytes at a time with SSE2
// (every x86-64; eight at a time without), and comparing and hashing short
// strings a word at a time without a call to memcmp.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dharma::drift::json_bytes {

// The first byte at or after `p` that a string's scan must look at: a
// quote, a backslash, a control character or a non-ASCII byte; sixteen
// bytes at a time where SSE2 is (every x86-64), then eight (it may stop
// early at a plain byte, never late).
inline const char* skip_plain(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quotes = _mm_set1_epi8('"');
  const __m128i backslashes = _mm_set1_epi8('\\');
  const __m128i controls = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed: below 0x20 are the control characters and, negative, the bytes from 0x80 up.
    const __m128i special =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quotes), _mm_cmpeq_epi8(bytes, backslashes)),
                     _mm_cmplt_epi8(bytes, controls));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(special));
    if (mask != 0) {
      return p + __builtin_ctz(mask);
    }
    p += 16;
  }
#endif
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
  while (end - p >= 8) {
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, p, 8);
    const std::uint64_t quote = bytes ^ (k_ones * '"');
    const std::uint64_t backslash = bytes ^ (k_ones * '\\');
    const std::uint64_t special = (((quote - k_ones) & ~quote) | ((backslash - k_ones) & ~backslash) |
                                   (bytes - k_ones * 0x20) | bytes) &
                                  k_highs;
    if (special != 0) {
      return p + (__builtin_ctzll(special) >> 3U);
    }
    p += 8;
  }
  return p;
}

// The first byte at or after `p` that is not a space.
inline const char* skip_spaces(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i spaces = _mm_set1_epi8(' ');
  while (end - p >= 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto other = ~static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, spaces))) & 0xFFFFU;
    if (other != 0) {
      return p + __builtin_ctz(other);
    }
    p += 16;
  }
#endif
  while (end - p >= 8) {
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, p, 8);
    const std::uint64_t other = bytes ^ 0x2020202020202020ULL;  // zero bytes where there is a space
    if (other != 0) {
      return p + (__builtin_ctzll(other) >> 3U);
    }
    p += 8;
  }
  while (p != end && *p == ' ') {
    ++p;
  }
  return p;
}

// The bytes of a string shorter than 8 in one word: with its size, equal
// words are equal strings (the loads overlap but cover every byte).
inline std::uint64_t short_word(const char* p, std::size_t size) {
  if (size >= 4) {
    std::uint32_t head = 0;
    std::uint32_t tail = 0;
    std::memcpy(&head, p, 4);
    std::memcpy(&tail, p + size - 4, 4);
    return (std::uint64_t{head} << 32U) | tail;
  }
  if (size == 0) {
    return 0;
  }
  return (std::uint64_t{static_cast<unsigned char>(p[0])} << 16U) |
         (std::uint64_t{static_cast<unsigned char>(p[size / 2])} << 8U) |
         static_cast<unsigned char>(p[size - 1]);
}

inline std::uint64_t head_word(const char* p, std::size_t size) {
  if (size < 8) {
    return short_word(p, size);
  }
  std::uint64_t head = 0;
  std::memcpy(&head, p, 8);
  return head;
}

// A hash of `text`; its low bits pick a slot.
inline std::size_t slot_of(std::string_view text) {
  std::uint64_t hash = (head_word(text.data(), text.size()) + text.size()) * 0x9E3779B97F4A7C15ULL;
  if (text.size() > 8) {
    std::uint64_t tail = 0;
    std::memcpy(&tail, text.data() + text.size() - 8, 8);
    hash ^= (tail ^ (tail >> 29U)) * 0xBF58476D1CE4E5B9ULL;
  }
  return static_cast<std::size_t>(hash ^ (hash >> 32U));
}

// Equal bytes, `a` and `b` of the same size, a word at a time (short strings: no call to memcmp).
inline bool same_short(const char* a, const char* b, std::size_t size) {
  if (size < 8) {
    return short_word(a, size) == short_word(b, size);
  }
  std::uint64_t x = 0;
  std::uint64_t y = 0;
  for (std::size_t at = 0; at + 8 < size; at += 8) {
    std::memcpy(&x, a + at, 8);
    std::memcpy(&y, b + at, 8);
    if (x != y) {
      return false;
    }
  }
  std::memcpy(&x, a + size - 8, 8);  // the last eight bytes (overlapping what was compared)
  std::memcpy(&y, b + size - 8, 8);
  return x == y;
}

// Equal bytes, `a` and `b` of the same size (no call to memcmp).
inline bool same_bytes(const char* a, const char* b, std::size_t size) {
  return size == 0 || same_short(a, b, size);
}

}  // namespace dharma::drift::json_bytes
