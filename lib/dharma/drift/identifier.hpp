#pragma once
// render::hcl::is_identifier ([A-Za-z_][A-Za-z0-9_-]*) on a view, sixteen
// bytes at a time where SSE2 is (every x86-64): body_to_value
// (desired_value.cpp) asks it of every attribute and block name of the
// rendered model, where the byte-by-byte check cost more than building
// the value. tests/unit/test_drift_identifier.cpp holds it to
// render::hcl::is_identifier. Header-only, so that nothing but its users
// compiles it (the fuzz build leaves desired_*.cpp out).

#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace dharma::drift {

inline bool identifier(std::string_view name) {
#if defined(__SSE2__)
  // Sixteen bytes at a time: every byte a letter, digit, '_' or '-' (bytes
  // from 0x80 up are negative in the signed compares, so never one).
  const auto all_allowed = [](__m128i bytes) {
    const __m128i lower = _mm_or_si128(bytes, _mm_set1_epi8(0x20));
    const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                         _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(bytes, _mm_set1_epi8('9' + 1)));
    const __m128i mark =
        _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('_')), _mm_cmpeq_epi8(bytes, _mm_set1_epi8('-')));
    return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), mark)) == 0xFFFF;
  };
  const std::size_t size = name.size();
  if (size == 0) {
    return false;
  }
  const auto first = static_cast<unsigned char>(name[0]);
  if (!(((first | 0x20U) >= 'a' && (first | 0x20U) <= 'z') || first == '_')) {
    return false;
  }
  const char* p = name.data();
  if (size < 16) {
    char padded[16];
    std::memset(padded, 'a', sizeof padded);
    std::memcpy(padded, p, size);
    return all_allowed(_mm_loadu_si128(reinterpret_cast<const __m128i*>(padded)));
  }
  std::size_t at = 0;
  for (; at + 16 <= size; at += 16) {
    if (!all_allowed(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)))) {
      return false;
    }
  }
  // The last bytes, in the sixteen that end the name (overlapping what was checked).
  return at == size || all_allowed(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + size - 16)));
#else
  if (name.empty()) {
    return false;
  }
  const auto letter = [](unsigned char c) { return ((c | 0x20U) >= 'a' && (c | 0x20U) <= 'z') || c == '_'; };
  if (!letter(static_cast<unsigned char>(name[0]))) {
    return false;
  }
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (!letter(byte) && !(byte >= '0' && byte <= '9') && byte != '-') {
      return false;
    }
  }
  return true;
#endif
}

}  // namespace dharma::drift
