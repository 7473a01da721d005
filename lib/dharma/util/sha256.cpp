// The compression function over 64-byte blocks, the message padded with a
// 1 bit, zeros and its length in bits (big-endian), as FIPS 180-4 section
// 6.2 describes it; checked against the standard's vectors and OpenSSL in
// tests/unit/test_sha256.cpp.

#include "dharma/util/sha256.hpp"

#include <cstring>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#define DHARMA_SHA256_X86 1
#endif

namespace dharma::util {
namespace {

constexpr std::array<std::uint32_t, 64> k_rounds = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr std::uint32_t rotate_right(std::uint32_t x, unsigned n) {
  return (x >> n) | (x << (32U - n));
}

// One round. Instead of shifting the eight working variables along, the
// caller rotates the arguments, so the compiler keeps them in registers.
inline void round(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t& d, std::uint32_t e,
                  std::uint32_t f, std::uint32_t g, std::uint32_t& h, std::uint32_t k_plus_w) {
  const std::uint32_t s1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
  const std::uint32_t choose = (e & f) ^ (~e & g);
  const std::uint32_t t1 = h + s1 + choose + k_plus_w;
  const std::uint32_t s0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
  const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
  d += t1;
  h = t1 + s0 + majority;
}

void compress(std::array<std::uint32_t, 8>& state, const unsigned char* block) {
  std::array<std::uint32_t, 64> w;  // NOLINT(cppcoreguidelines-pro-type-member-init): every word is set below
  for (std::size_t i = 0; i < 16; ++i) {
    w[i] = (std::uint32_t{block[4 * i]} << 24U) | (std::uint32_t{block[4 * i + 1]} << 16U) |
           (std::uint32_t{block[4 * i + 2]} << 8U) | std::uint32_t{block[4 * i + 3]};
  }
  for (std::size_t i = 16; i < 64; ++i) {
    const std::uint32_t s0 = rotate_right(w[i - 15], 7) ^ rotate_right(w[i - 15], 18) ^ (w[i - 15] >> 3U);
    const std::uint32_t s1 = rotate_right(w[i - 2], 17) ^ rotate_right(w[i - 2], 19) ^ (w[i - 2] >> 10U);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  std::uint32_t a = state[0];
  std::uint32_t b = state[1];
  std::uint32_t c = state[2];
  std::uint32_t d = state[3];
  std::uint32_t e = state[4];
  std::uint32_t f = state[5];
  std::uint32_t g = state[6];
  std::uint32_t h = state[7];
  for (std::size_t i = 0; i < 64; i += 8) {
    round(a, b, c, d, e, f, g, h, k_rounds[i] + w[i]);
    round(h, a, b, c, d, e, f, g, k_rounds[i + 1] + w[i + 1]);
    round(g, h, a, b, c, d, e, f, k_rounds[i + 2] + w[i + 2]);
    round(f, g, h, a, b, c, d, e, k_rounds[i + 3] + w[i + 3]);
    round(e, f, g, h, a, b, c, d, k_rounds[i + 4] + w[i + 4]);
    round(d, e, f, g, h, a, b, c, k_rounds[i + 5] + w[i + 5]);
    round(c, d, e, f, g, h, a, b, k_rounds[i + 6] + w[i + 6]);
    round(b, c, d, e, f, g, h, a, k_rounds[i + 7] + w[i + 7]);
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

#if defined(DHARMA_SHA256_X86)
// The same compression with the x86 SHA extensions (Intel since Goldmont and
// Ice Lake, AMD since Zen): four rounds and four schedule words an
// instruction pair. The state is kept as ABEF and CDGH, the order
// sha256rnds2 wants. Used only when CPUID says the CPU has them (valgrind's
// CPU does not, so instruction counts under callgrind are the portable path).
__attribute__((target("sha,sse4.1,ssse3"))) void compress_x86(std::array<std::uint32_t, 8>& state,
                                                              const unsigned char* block) {
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state.data()));
  __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state.data() + 4));
  const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  const __m128i abef_before = abef;
  const __m128i cdgh_before = cdgh;
  __m128i words[16];  // NOLINT: a C array, as std::array drops the vector type's attributes; set below
  for (std::size_t g = 0; g < 16; ++g) {
    if (g < 4) {
      words[g] =
          _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * g)), byte_swap);
    } else {
      const __m128i sigma0 = _mm_sha256msg1_epu32(words[g - 4], words[g - 3]);
      const __m128i plus_w7 = _mm_add_epi32(sigma0, _mm_alignr_epi8(words[g - 1], words[g - 2], 4));
      words[g] = _mm_sha256msg2_epu32(plus_w7, words[g - 1]);
    }
    __m128i k_plus_w =
        _mm_add_epi32(words[g], _mm_loadu_si128(reinterpret_cast<const __m128i*>(&k_rounds[4 * g])));
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, k_plus_w);
    k_plus_w = _mm_shuffle_epi32(k_plus_w, 0x0E);
    abef = _mm_sha256rnds2_epu32(abef, cdgh, k_plus_w);
  }
  abef = _mm_add_epi32(abef, abef_before);
  cdgh = _mm_add_epi32(cdgh, cdgh_before);
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  dcba = _mm_blend_epi16(feba, dchg, 0xF0);
  hgfe = _mm_alignr_epi8(dchg, feba, 8);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state.data()), dcba);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state.data() + 4), hgfe);
}

bool cpu_has_sha() {
  unsigned eax = 0;
  unsigned ebx = 0;
  unsigned ecx = 0;
  unsigned edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0) {
    return false;
  }
  const bool sse41 = (ecx & (1U << 19U)) != 0;
  const bool ssse3 = (ecx & (1U << 9U)) != 0;
  if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0) {
    return false;
  }
  return sse41 && ssse3 && (ebx & (1U << 29U)) != 0;
}
#endif

using Compress = void (*)(std::array<std::uint32_t, 8>&, const unsigned char*);

Compress chosen_compress() {
#if defined(DHARMA_SHA256_X86)
  static const Compress chosen = cpu_has_sha() ? compress_x86 : compress;
  return chosen;
#else
  return compress;
#endif
}

std::array<std::uint8_t, 32> digest_with(std::string_view bytes, Compress compress_block);

}  // namespace

bool sha256_has_cpu_path() {
  return chosen_compress() != compress;
}

std::array<std::uint8_t, 32> sha256_portable(std::string_view bytes) {
  return digest_with(bytes, compress);
}

std::array<std::uint8_t, 32> sha256(std::string_view bytes) {
  return digest_with(bytes, chosen_compress());
}

namespace {

std::array<std::uint8_t, 32> digest_with(std::string_view bytes, Compress compress_block) {
  std::array<std::uint32_t, 8> state = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t whole = bytes.size() / 64 * 64;
  for (std::size_t at = 0; at < whole; at += 64) {
    compress_block(state, data + at);
  }
  // The tail, the 0x80 byte and the length: one block, or two when the tail
  // leaves fewer than 9 bytes.
  std::array<unsigned char, 128> tail{};
  const std::size_t rest = bytes.size() - whole;
  if (rest > 0) {
    std::memcpy(tail.data(), data + whole, rest);
  }
  tail[rest] = 0x80;
  const std::size_t blocks = rest + 9 <= 64 ? 1 : 2;
  const std::uint64_t bits = static_cast<std::uint64_t>(bytes.size()) * 8U;
  for (std::size_t i = 0; i < 8; ++i) {
    tail[blocks * 64 - 1 - i] = static_cast<unsigned char>(bits >> (8U * i));
  }
  for (std::size_t b = 0; b < blocks; ++b) {
    compress_block(state, tail.data() + 64 * b);
  }
  std::array<std::uint8_t, 32> digest{};
  for (std::size_t i = 0; i < 8; ++i) {
    digest[4 * i] = static_cast<std::uint8_t>(state[i] >> 24U);
    digest[4 * i + 1] = static_cast<std::uint8_t>(state[i] >> 16U);
    digest[4 * i + 2] = static_cast<std::uint8_t>(state[i] >> 8U);
    digest[4 * i + 3] = static_cast<std::uint8_t>(state[i]);
  }
  return digest;
}

}  // namespace

}  // namespace dharma::util
