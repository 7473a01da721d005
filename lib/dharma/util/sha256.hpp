#pragma once
// SHA-256 (FIPS 180-4) of bytes in memory, for guard's finding fingerprints.
// Its own few lines instead of OpenSSL's: loading libcrypto and initialising
// its providers (EVP_MD_fetch) cost guard more than half of its start-up on
// a small blueprint (docs/PERFORMANCE.md, "Start-up"). Not for secrets: no
// constant-time guarantees are needed for fingerprints.

#include <array>
#include <cstdint>
#include <string_view>

namespace dharma::util {

std::array<std::uint8_t, 32> sha256(std::string_view bytes);

// For tests: the portable compression function alone, and whether sha256()
// uses the CPU's SHA instructions instead (x86-64 with the SHA extensions).
std::array<std::uint8_t, 32> sha256_portable(std::string_view bytes);
bool sha256_has_cpu_path();

}  // namespace dharma::util
