#include "dharma/state/checksum.hpp"

#include <openssl/evp.h>

#include <array>
#include <memory>

#include "dharma/util/error.hpp"

namespace dharma::state {

std::string normalize_line_endings(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string migration_checksum(std::string_view text) {
  return sha256_hex(normalize_line_endings(text));
}

std::string sha256_hex(std::string_view normalized) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), normalized.data(), normalized.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1) {
    throw util::Error("OpenSSL could not compute a SHA-256 digest", util::ExitCode::unavailable);
  }
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(k_hex[digest[i] >> 4U]);
    hex.push_back(k_hex[digest[i] & 0x0FU]);
  }
  return hex;
}

}  // namespace dharma::state
