// Value::find on objects of every size around the scan/binary-search
// boundary: each key present is found with its own value, and keys that
// are absent (a prefix, an extension, the same length and first byte, the
// empty key) are not.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dharma/drift/value.hpp"

using namespace dharma::drift;

TEST_CASE("Value::find, every key of objects of 0 to 40 members, and absent ones") {
  ValueArena arena;
  for (std::size_t size = 0; size <= 40; ++size) {
    CAPTURE(size);
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < size; ++i) {
      // Shared first bytes and lengths, so neither decides alone; the empty key too.
      keys.push_back(i == 0 ? std::string() : "k" + std::string(i % 3, 'x') + std::to_string(i));
    }
    std::vector<Member> members;
    for (std::size_t i = 0; i < size; ++i) {
      members.push_back({arena.copy(keys[i]), Value::integer(static_cast<std::int64_t>(i))});
    }
    const Value object = make_object(members.data(), members.data() + members.size(), arena);
    REQUIRE(object.size() == size);
    for (std::size_t i = 0; i < size; ++i) {
      const Value* found = object.find(keys[i]);
      REQUIRE(found != nullptr);
      CHECK(found->as_int() == static_cast<std::int64_t>(i));
    }
    for (const std::string absent : {"k", "kx", "k999", "kxx10x", "z", "\x01"}) {
      CHECK(object.find(absent) == nullptr);
    }
    if (size == 0) {
      CHECK(object.find("") == nullptr);
    }
  }
  CHECK(Value::integer(1).find("a") == nullptr);
}
