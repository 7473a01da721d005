// util::sha256 against FIPS 180-4's examples and, for every length around
// the block and padding boundaries, against OpenSSL.

#include <doctest/doctest.h>
#include <openssl/evp.h>

#include <string>

#include "dharma/util/sha256.hpp"

using namespace dharma;

namespace {

std::string hex(const unsigned char* digest, std::size_t length) {
  static const char* const k_digits = "0123456789abcdef";
  std::string text;
  for (std::size_t i = 0; i < length; ++i) {
    text += k_digits[digest[i] >> 4U];
    text += k_digits[digest[i] & 15U];
  }
  return text;
}

std::string ours(const std::string& bytes) {
  const auto digest = util::sha256(bytes);
  return hex(digest.data(), digest.size());
}

std::string openssl(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return hex(digest, length);
}

}  // namespace

TEST_CASE("util::sha256, the standard's examples") {
  CHECK(ours("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(ours("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(ours("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(ours(std::string(1'000'000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("util::sha256, the same digest as OpenSSL for every length up to three blocks") {
  std::string bytes;
  for (int length = 0; length <= 200; ++length) {
    INFO("length " << length);
    CHECK(ours(bytes) == openssl(bytes));
    bytes += static_cast<char>((length * 37 + 11) & 0xff);
  }
}

TEST_CASE("util::sha256, the CPU's SHA instructions (where used) and the portable rounds agree") {
  MESSAGE("SHA instructions used here: " << std::string(util::sha256_has_cpu_path() ? "yes" : "no"));
  std::string bytes;
  for (int length = 0; length <= 300; ++length) {
    INFO("length " << length);
    CHECK(util::sha256(bytes) == util::sha256_portable(bytes));
    CHECK(hex(util::sha256_portable(bytes).data(), 32) == openssl(bytes));
    bytes += static_cast<char>((length * 53 + 7) & 0xff);
  }
  CHECK(util::sha256(std::string(1'000'000, 'a')) == util::sha256_portable(std::string(1'000'000, 'a')));
}
