// The shortcuts of issue 12's drift-cpu pass, each against what it stands
// for: key_compare against std::string_view::compare, MemberCursor against
// Value::find, make_object against the plain stable sort that keeps the
// last of equal keys, the reader's object shapes (objects of one key order
// sorted once) against nlohmann::json::parse on objects with repeated,
// unsorted, duplicate, long and escaped keys and on the state files of
// tests/drift/states, and the arena's inline allocation against its
// alignment and block rules.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "dharma/drift/json_reader.hpp"
#include "dharma/drift/value.hpp"
#include "same_json_tree.hpp"

using namespace dharma::drift;
using nlohmann::json;

namespace {

using dharma::test_support::same_json_tree;

int sign(int x) {
  return x < 0 ? -1 : (x > 0 ? 1 : 0);
}

// A key from a small alphabet (so keys repeat and share prefixes), with
// bytes above 0x7F and NULs among them.
std::string random_key(std::mt19937& random, std::size_t longest) {
  static const char alphabet[] = {'a', 'b', 'z', '_', '\0', '\x7f', '\x80', '\xff'};
  const std::size_t length = random() % (longest + 1);
  std::string key;
  for (std::size_t i = 0; i < length; ++i) {
    key += alphabet[random() % sizeof(alphabet)];
  }
  return key;
}

// make_object as specified: stable sort by key, the last of equal keys kept.
std::vector<Member> reference_object(std::vector<Member> members) {
  std::stable_sort(members.begin(), members.end(),
                   [](const Member& a, const Member& b) { return a.key < b.key; });
  std::vector<Member> kept;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i + 1 < members.size() && members[i + 1].key == members[i].key) {
      continue;
    }
    kept.push_back(members[i]);
  }
  return kept;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// read_json in both string modes, and read_json_pieces cut at every newline,
// agree with nlohmann on `text`.
void check_reader_agrees(const std::string& text) {
  const json theirs = json::parse(text, nullptr, false);
  for (const JsonStrings strings : {JsonStrings::view, JsonStrings::copy}) {
    ValueArena arena;
    Value value;
    const bool ours = read_json(text, arena, value, strings);
    REQUIRE(ours == !theirs.is_discarded());
    if (ours) {
      CHECK(same_json_tree(to_json(value), theirs));
    }
  }
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
    pieces.push_back(text.substr(start, at + 1 - start));
    start = at + 1;
  }
  pieces.push_back(text.substr(start));
  ValueArena arena;
  Value value;
  const bool ours = read_json_pieces(pieces, arena, value);
  REQUIRE(ours == !theirs.is_discarded());
  if (ours) {
    CHECK(same_json_tree(to_json(value), theirs));
  }
}

}  // namespace

TEST_CASE("key_compare orders keys as std::string_view::compare") {
  std::mt19937 random(12);
  for (int round = 0; round < 20000; ++round) {
    const std::string a = random_key(random, 20);
    std::string b = random() % 3 == 0 ? a : random_key(random, 20);
    if (random() % 4 == 0 && !b.empty()) {
      b.pop_back();  // a prefix
    }
    CAPTURE(a);
    CAPTURE(b);
    REQUIRE(key_compare(a, b) == sign(std::string_view(a).compare(b)));
    REQUIRE(key_compare(b, a) == sign(std::string_view(b).compare(a)));
  }
}

TEST_CASE("make_object on sorted, unsorted and duplicate keys as the stable sort keeping the last") {
  std::mt19937 random(7);
  ValueArena arena;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t size = random() % 80;  // past the 64 sorted by prefix, to the stable sort
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < size; ++i) {
      keys.push_back(random_key(random, round % 2 == 0 ? 3 : 12));  // short keys repeat: duplicates
    }
    if (round % 3 == 0) {
      std::sort(keys.begin(), keys.end());  // sorted, duplicates kept
    }
    if (round % 6 == 0) {
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());  // sorted and unique
    }
    std::vector<Member> members;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      members.push_back({arena.copy(keys[i]), Value::integer(static_cast<std::int64_t>(i))});
    }
    const std::vector<Member> expected = reference_object(members);
    const Value object = make_object(members.data(), members.data() + members.size(), arena);
    REQUIRE(object.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      const Member& got = object.begin_members()[i];
      REQUIRE(got.key == expected[i].key);
      REQUIRE(got.value.as_int() == expected[i].value.as_int());
    }
  }
}

TEST_CASE("MemberCursor finds what Value::find finds, for keys asked in order") {
  std::mt19937 random(3);
  ValueArena arena;
  for (int round = 0; round < 2000; ++round) {
    std::vector<Member> members;
    const std::size_t size = random() % 30;
    std::vector<std::string> keys;
    for (std::size_t i = 0; i < size; ++i) {
      keys.push_back(random_key(random, 10));
    }
    for (std::size_t i = 0; i < size; ++i) {
      members.push_back({arena.copy(keys[i]), Value::integer(static_cast<std::int64_t>(i))});
    }
    const Value object = make_object(members.data(), members.data() + members.size(), arena);
    // The keys asked: some of the object's, some absent, sorted and unique as another object's are.
    std::vector<std::string> asked;
    for (std::size_t i = 0; i < size; ++i) {
      if (random() % 2 == 0) {
        asked.push_back(keys[i]);
      }
    }
    for (int i = 0; i < 8; ++i) {
      asked.push_back(random_key(random, 10));
    }
    std::sort(asked.begin(), asked.end());
    asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
    MemberCursor cursor(object);
    for (const auto& key : asked) {
      CAPTURE(key);
      REQUIRE(cursor.find(key) == object.find(key));
    }
  }
  MemberCursor none(Value::integer(1));
  CHECK(none.find("a") == nullptr);
}

TEST_CASE("read_json, objects of repeated shapes as nlohmann builds them") {
  std::mt19937 random(21);
  // Shapes: key lists, some unsorted, with duplicates, long (never shared) and escaped keys.
  std::vector<std::vector<std::string>> shapes = {
      {"id", "arn", "cidr_block", "tags", "tags_all"},
      {"b", "a"},
      {"a", "b"},
      {"x", "x"},
      {"k", "j", "k", "i", "j"},
      {"a_key_that_is_longer_than_thirty_two_bytes", "b", "a"},
      {"esc\\u0061ped", "escaped", "plain"},
      {"z", "y", "x", "w", "v", "u", "t", "s", "r", "q", "p", "o", "n", "m", "l"},
      {"", "a", ""},
  };
  // Many small random shapes too, so shapes share slots and evict each other.
  for (int i = 0; i < 600; ++i) {
    std::vector<std::string> keys;
    const std::size_t size = 2 + random() % 6;
    for (std::size_t k = 0; k < size; ++k) {
      keys.push_back(std::string(1, static_cast<char>('a' + random() % 6)) + std::to_string(random() % 4));
    }
    shapes.push_back(keys);
  }
  // An object of more members than a shape holds.
  std::vector<std::string> large;
  for (int i = 80; i > 0; --i) {
    large.push_back("m" + std::to_string(i % 70));
  }
  shapes.push_back(large);
  for (int round = 0; round < 4; ++round) {
    std::string text = "[\n";
    for (int i = 0; i < 3000; ++i) {
      const auto& keys = shapes[random() % shapes.size()];
      text += i == 0 ? " {" : ",\n {";
      for (std::size_t k = 0; k < keys.size(); ++k) {
        text += (k == 0 ? "\n  \"" : ",\n  \"") + keys[k] + "\": ";
        if (random() % 5 == 0) {
          // A nested object of a (maybe other) shape.
          const auto& inner = shapes[random() % shapes.size()];
          text += "{";
          for (std::size_t n = 0; n < inner.size(); ++n) {
            text += (n == 0 ? "\"" : ", \"") + inner[n] + "\": " + std::to_string(random() % 100);
          }
          text += "}";
        } else {
          text += std::to_string(random() % 1000);
        }
      }
      text += "\n }";
    }
    text += "\n]\n";
    check_reader_agrees(text);
  }
}

TEST_CASE("read_json, the drift test states as nlohmann builds them") {
  const std::filesystem::path folder =
      std::filesystem::path(DHARMA_SOURCE_DIR) / "tests" / "drift" / "states";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    CAPTURE(entry.path().string());
    check_reader_agrees(read_text(entry.path()));
    ++files;
  }
  CHECK(files > 0);
}

TEST_CASE("ValueArena::allocate, aligned and apart across blocks, large requests on their own") {
  ValueArena arena(64, 256);
  std::vector<std::pair<std::uintptr_t, std::size_t>> taken;
  std::mt19937 random(5);
  for (int i = 0; i < 20000; ++i) {
    const std::size_t alignment = std::size_t{1} << (random() % 5);
    const std::size_t bytes = random() % 5 == 0 ? 300 + random() % 200 : random() % 40;
    auto* at = static_cast<char*>(arena.allocate(bytes, alignment));
    REQUIRE(reinterpret_cast<std::uintptr_t>(at) % alignment == 0);
    std::fill(at, at + bytes, static_cast<char>(i));
    if (bytes > 0) {
      taken.emplace_back(reinterpret_cast<std::uintptr_t>(at), bytes);
    }
  }
  std::sort(taken.begin(), taken.end());
  for (std::size_t i = 1; i < taken.size(); ++i) {
    REQUIRE(taken[i - 1].first + taken[i - 1].second <= taken[i].first);
  }
  // memory() is the same arena.
  void* a = arena.memory()->allocate(24, 8);
  void* b = arena.allocate(24, 8);
  CHECK(a != b);
}

TEST_CASE("read_json, specials at every offset of strings up to 70 bytes, sixteen at a time") {
  for (std::size_t length = 1; length <= 70; length += 3) {
    for (std::size_t at = 0; at < length; ++at) {
      for (const std::string special :
           {"\\n", "\\\"", "\xc3\xa9", "\x01", "\x80", "\"", "\x1f", " ", "\x7f"}) {
        std::string body(length, 'x');
        body.replace(at, 1, special);
        CAPTURE(length);
        CAPTURE(at);
        CAPTURE(special);
        const std::string text = "{\"" + body + "\": \"" + body + "\", \"k\": [\"" + body + "\"]}";
        const json theirs = json::parse(text, nullptr, false);
        ValueArena arena;
        Value value;
        REQUIRE(read_json(text, arena, value) == !theirs.is_discarded());
        if (!theirs.is_discarded()) {
          CHECK(same_json_tree(to_json(value), theirs));
        }
      }
    }
  }
}

TEST_CASE("read_json, runs of whitespace of every length and mix") {
  std::mt19937 random(9);
  static const char blanks[] = {' ', ' ', ' ', '\n', '\t', '\r'};
  for (int round = 0; round < 400; ++round) {
    const auto blank = [&] {
      std::string run;
      const std::size_t length = random() % 40;
      for (std::size_t i = 0; i < length; ++i) {
        run += random() % 4 == 0 ? blanks[random() % sizeof(blanks)] : ' ';
      }
      return run;
    };
    std::string text = blank() + "{" + blank() + "\"a\"" + blank() + ":" + blank() + "[" + blank() + "1" +
                       blank() + "," + blank() + "true" + blank() + "]" + blank() + "," + blank() + "\"b\"" +
                       blank() + ":" + blank() + "null" + blank() + "}" + blank();
    if (round % 10 == 0) {
      text.insert(random() % text.size(), 1,
                  round % 20 == 0 ? '\x0b' : '\f');  // not JSON whitespace: refused
    }
    CAPTURE(text);
    check_reader_agrees(text);
  }
}

TEST_CASE("read_json, keys predicted from the last object at their depth, near misses included") {
  // Objects at one depth whose keys are each the last one's, or a near miss
  // of it: an extension, a prefix, the same with an escape, a quote or a
  // non-ASCII byte, the empty key; then the same text cut at every byte.
  const std::vector<std::string> keys = {"ab",    "ab",       "abc", "a",  "a\\u0062", "ab\\\"",
                                         "ab",    "\xc3\xa9", "",    "ab", "a\\\\b",   "ab",
                                         "ab\\n", "ab",       "abx", "ab", "\\u00e9",  "ab"};
  std::mt19937 random(4);
  for (int round = 0; round < 20; ++round) {
    std::string text = "[";
    for (int i = 0; i < 200; ++i) {
      const auto& first = keys[random() % keys.size()];
      const auto& second = keys[random() % keys.size()];
      text += std::string(i == 0 ? "" : ",") + "\n {\"" + first + "\": 1, \"" + second + "\": {\"" +
              keys[random() % keys.size()] + "\": [" + std::to_string(i) + "]}}";
    }
    text += "\n]";
    check_reader_agrees(text);
    if (round == 0) {
      for (std::size_t cut = 0; cut < 600; ++cut) {
        ValueArena arena;
        Value value;
        const std::string part = text.substr(0, cut);
        CHECK(read_json(part, arena, value) == !json::parse(part, nullptr, false).is_discarded());
      }
    }
  }
}
