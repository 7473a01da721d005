// read_json with JsonStrings::copy (what the state reader uses, so that a
// state's text can be freed once read) against the same reader viewing the
// text: the same tree on every state of tests/drift/states and on generated
// ones, with the text overwritten and freed before the copy is looked at,
// every string outside the text, and the same refusals.

#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "dharma/drift/json_reader.hpp"
#include "dharma/drift/value.hpp"
#include "dharma/util/file.hpp"

using namespace dharma;
using namespace dharma::drift;

namespace {

// Same kinds, numbers, strings, keys and order at every node.
bool identical(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) {
    return false;
  }
  switch (a.kind()) {
    case Value::Kind::null:
      return true;
    case Value::Kind::boolean:
      return a.as_bool() == b.as_bool();
    case Value::Kind::integer:
      return a.as_int() == b.as_int();
    case Value::Kind::unsigned_integer:
      return a.as_unsigned() == b.as_unsigned();
    case Value::Kind::floating:
      return a.as_double() == b.as_double();
    case Value::Kind::string:
      return a.as_string() == b.as_string();
    case Value::Kind::array:
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!identical(a[i], b[i])) {
          return false;
        }
      }
      return a.size() == b.size();
    case Value::Kind::object:
      if (a.size() != b.size()) {
        return false;
      }
      for (const Member *ia = a.begin_members(), *ib = b.begin_members(); ia != a.end_members(); ++ia, ++ib) {
        if (ia->key != ib->key || !identical(ia->value, ib->value)) {
          return false;
        }
      }
      return true;
  }
  return false;
}

bool inside(std::string_view text, const char* begin, const char* end) {
  return !text.empty() && text.data() < end && text.data() + text.size() > begin;
}

// True when no key or string of `value` lies in [begin, end).
bool nothing_views(const Value& value, const char* begin, const char* end) {
  if (value.is_string()) {
    return !inside(value.as_string(), begin, end);
  }
  for (const Value* it = value.begin_items(); it != value.end_items(); ++it) {
    if (!nothing_views(*it, begin, end)) {
      return false;
    }
  }
  for (const Member* it = value.begin_members(); it != value.end_members(); ++it) {
    if (inside(it->key, begin, end) || !nothing_views(it->value, begin, end)) {
      return false;
    }
  }
  return true;
}

// Reads `text` both ways; the copy's text is scribbled over and freed
// before the trees are compared.
void check_same_both_ways(const std::string& text) {
  ValueArena view_arena;
  Value viewed;
  const bool view_ok = read_json(text, view_arena, viewed, JsonStrings::view);

  ValueArena copy_arena(1 << 16, 1 << 13);  // capped as the state reader's
  Value copied;
  auto buffer = std::make_unique<std::string>(text);
  const bool copy_ok = read_json(*buffer, copy_arena, copied, JsonStrings::copy);
  REQUIRE(view_ok == copy_ok);
  if (!copy_ok) {
    return;
  }
  CHECK(nothing_views(copied, buffer->data(), buffer->data() + buffer->size()));
  std::memset(buffer->data(), '#', buffer->size());
  buffer.reset();
  CHECK(identical(viewed, copied));
}

// A state-like document: many resources with the same keys, values that
// repeat and values that do not, escapes, non-ASCII text, and short strings
// enough to collide in the copy table.
std::string generated_state(unsigned seed, int resources) {
  std::mt19937 random(seed);
  const char* const regions[] = {"eu-west-1", "us-east-1", "ap-south-1", ""};
  std::string text = R"({"version": 4, "terraform_version": "1.6.0", "serial": 7, "resources": [)";
  for (int i = 0; i < resources; ++i) {
    const unsigned pick = random();
    text += i == 0 ? "" : ",";
    text += R"({"mode": "managed", "type": "aws_instance", "name": "r)" + std::to_string(pick % 50) +
            R"(", "instances": [{"index_key": )" + std::to_string(i) + R"(, "attributes": {"id": "i-)" +
            std::to_string(pick) + R"(", "region": ")" + regions[pick % 4] + R"(", "k)" +
            std::to_string(pick % 300) + R"(": "v)" + std::to_string(pick % 700) + R"(", "size": )" +
            std::to_string(pick % 9) + (pick % 3 == 0 ? ".5" : "") +
            R"(, "note": "a\"q\u00e9 \ud83d\ude00 )" + std::string(pick % 40, 'x') +
            R"(", "é": "ü", "tags": {"Name": "web", "Team": "t)" + std::to_string(pick % 5) +
            R"("}, "list": [1, "one", null, true, {}]}}]})";
  }
  return text + "]}";
}

}  // namespace

TEST_CASE("read_json copying strings builds the tree it builds viewing them, on every state fixture") {
  const std::string dir = std::string(DHARMA_SOURCE_DIR) + "/tests/drift/states";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    check_same_both_ways(util::read_file(entry.path()));
    ++files;
  }
  CHECK(files >= 10);
}

TEST_CASE("read_json copying strings builds the tree it builds viewing them, on generated states") {
  for (unsigned seed = 1; seed <= 4; ++seed) {
    check_same_both_ways(generated_state(seed, 3000));
  }
}

TEST_CASE("read_json copying strings refuses what it refuses viewing them") {
  const std::string text = generated_state(9, 3);
  for (std::size_t length = 0; length < text.size(); length += 7) {
    check_same_both_ways(text.substr(0, length));
  }
  check_same_both_ways(R"({"a": "\ud800"})");
  check_same_both_ways("{\"a\": \"\xC0\x80\"}");
  check_same_both_ways(R"({"a": 1e999})");
  check_same_both_ways(R"(["", "", {"": ""}])");
}

TEST_CASE("read_json copying strings shares one copy of equal short strings") {
  const std::string text =
      R"([{"id": "same"}, {"id": "same"}, {"id": "a-string-longer-than-thirty-two-bytes"},
                              {"id": "a-string-longer-than-thirty-two-bytes"}])";
  ValueArena arena;
  Value value;
  REQUIRE(read_json(text, arena, value, JsonStrings::copy));
  CHECK(value[0].begin_members()->key.data() == value[1].begin_members()->key.data());
  CHECK(value[0].find("id")->as_string().data() == value[1].find("id")->as_string().data());
  CHECK(value[2].find("id")->as_string() == value[3].find("id")->as_string());
  CHECK(value[2].find("id")->as_string().data() != value[3].find("id")->as_string().data());
}
