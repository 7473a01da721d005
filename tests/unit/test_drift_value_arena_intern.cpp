// ValueArena::intern: a repeated string shares the arena's earlier copy,
// and whatever the table holds, every string comes back with its own bytes.

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "dharma/drift/value.hpp"

using dharma::drift::ValueArena;

TEST_CASE("intern: a string asked for again is the same copy") {
  ValueArena arena;
  std::string tag = "managed_by";
  const std::string_view first = arena.intern(tag);
  tag = "something else";  // the arena's copy does not depend on the caller's string
  const std::string_view again = arena.intern(std::string("managed_by"));
  CHECK(first == "managed_by");
  CHECK(again.data() == first.data());
  CHECK(arena.intern("").empty());
}

TEST_CASE("intern: thousands of different strings each keep their own bytes") {
  ValueArena arena;
  std::vector<std::string> texts;
  std::vector<std::string_view> interned;
  for (int i = 0; i < 5000; ++i) {
    // Lengths 1 to 40, so short and long strings share the table's slots.
    texts.push_back(std::string(static_cast<std::size_t>(1 + i % 40), static_cast<char>('a' + i % 26)) +
                    std::to_string(i));
    interned.push_back(arena.intern(texts.back()));
  }
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(interned[i] == texts[i]);
    CHECK(arena.intern(texts[i]) == texts[i]);  // a slot taken by another string copies again, correctly
  }
}

TEST_CASE("intern: strings that differ only in the middle are not confused") {
  ValueArena arena;
  const std::string a = "aws_security_group.sg_0001.id-and-a-long-tail";
  const std::string b = "aws_security_group.sg_0002.id-and-a-long-tail";
  const std::string_view first = arena.intern(a);
  const std::string_view second = arena.intern(b);
  CHECK(first == a);
  CHECK(second == b);
  CHECK(arena.intern(a) == a);
}

TEST_CASE("intern: short strings that differ in one byte anywhere are not confused") {
  for (std::size_t length = 1; length <= 24; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      ValueArena arena;
      const std::string base(length, 'k');
      std::string other = base;
      other[at] = 'q';
      const std::string_view first = arena.intern(base);
      const std::string_view second = arena.intern(other);
      CHECK(first == base);
      CHECK(second == other);
      CHECK(arena.intern(base) == base);
      CHECK(arena.intern(other) == other);
    }
  }
}
