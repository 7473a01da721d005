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

}  // namespace dharma::util
