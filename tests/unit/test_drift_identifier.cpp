// drift's identifier() (identifier.hpp), sixteen bytes at a time, against
// render::hcl::is_identifier, which it stands for: names of every length
// around 16 and 32 bytes, from an alphabet of the bytes at each edge of the
// allowed ranges.

#include <doctest/doctest.h>

#include <random>
#include <string>

#include "dharma/drift/identifier.hpp"
#include "dharma/render/hcl_model.hpp"

TEST_CASE("identifier is render::hcl::is_identifier") {
  static const char alphabet[] = {'a', 'z', 'A', 'Z',  '0',    '9',    '_',    '-',    '@', '[', '`', '{',
                                  '/', ':', ' ', '\0', '\x7f', '\x80', '\xc3', '\xff', 'm', 'M', '5', '\x01'};
  std::mt19937 random(16);
  for (int round = 0; round < 200000; ++round) {
    const std::size_t length = random() % 50;
    std::string name;
    const bool mostly_valid = random() % 2 == 0;
    for (std::size_t i = 0; i < length; ++i) {
      name +=
          mostly_valid && random() % 16 != 0 ? "aZ9_-m"[random() % 6] : alphabet[random() % sizeof(alphabet)];
    }
    CAPTURE(name);
    REQUIRE(dharma::drift::identifier(name) == dharma::render::hcl::is_identifier(name));
  }
  CHECK(dharma::drift::identifier("ami"));
  CHECK(dharma::drift::identifier("assign_generated_ipv6_cidr_block"));
  CHECK_FALSE(dharma::drift::identifier(""));
  CHECK_FALSE(dharma::drift::identifier("9lives"));
  CHECK_FALSE(dharma::drift::identifier("a.b"));
}
