// drift's JSON reader and compact values: the reader accepts exactly what
// nlohmann::json::parse accepts and builds the same tree (types included:
// signed, unsigned and float numbers), on every JSON shape and on damaged
// input (truncated, bad escapes, bad UTF-8, huge numbers, deep nesting).

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dharma/drift/json_reader.hpp"
#include "dharma/drift/value.hpp"
#include "same_json_tree.hpp"

using namespace dharma::drift;
using nlohmann::json;

namespace {

using dharma::test_support::same_json_tree;

// Reads `text` both ways; true when both accept it and build the same tree,
// or both refuse it.
bool agrees(const std::string& text) {
  ValueArena arena;
  Value value;
  const bool ours = read_json(text, arena, value);
  const json theirs = json::parse(text, nullptr, false);
  if (ours != !theirs.is_discarded()) {
    return false;
  }
  return !ours || same_json_tree(to_json(value), theirs);
}

bool accepted(const std::string& text) {
  ValueArena arena;
  Value value;
  return read_json(text, arena, value);
}

}  // namespace

TEST_CASE("read_json, every JSON shape as nlohmann builds it") {
  const std::vector<std::string> documents = {
      "null",
      "true",
      "false",
      "0",
      "-0",
      "7",
      "-7",
      "3.0",
      "1.5e3",
      "-2E-2",
      "1e+2",
      "18446744073709551615",  // the largest unsigned
      "18446744073709551616",  // one more: a float, as nlohmann reads it
      "-9223372036854775808",  // the smallest signed
      "-9223372036854775809",  // one less: a float
      "1e-400",                // underflow: 0, as strtod gives
      "123456789012345678901234567890.5",
      R"("")",
      R"("plain")",
      R"("esc \" \\ \/ \b \f \n \r \t")",
      R"("\u00e9\u4e2d\ud83d\ude00 \u0000")",
      "\"caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80\"",
      R"("a\nb" )",
      " \t\r\n{} ",
      "[]",
      "[[]]",
      "[1,[2,[3]]]",
      R"({"b": 1, "a": 2, "c": {"z": [], "y": {}}})",
      R"({"a": 1, "a": 2})",  // a key given twice: the last wins
      R"({"b": 1, "a": 2, "b": 3, "a": 4, "c": 5})",
      "\xef\xbb\xbf{\"bom\": true}",
      R"({"resources": [{"mode": "managed", "instances": [{"index_key": "blue", "attributes": {"n": 1}}]}]})",
      std::string("{\"a\": 1} \0 what follows a NUL is never read", 43),  // nlohmann: a NUL ends the input
  };
  for (const auto& text : documents) {
    CAPTURE(text);
    CHECK(accepted(text));
    CHECK(agrees(text));
  }
}

TEST_CASE("read_json, damaged input refused where nlohmann refuses it") {
  const std::vector<std::string> documents = {
      "",
      " ",
      "nul",
      "tru",
      "True",
      "01",
      "-",
      "1.",
      ".5",
      "1e",
      "1e+",
      "+1",
      "0x10",
      "NaN",
      "Infinity",
      "1e400",
      "-1e400",  // beyond a double
      "[1,]",
      "{\"a\":1,}",
      "{\"a\"}",
      "{\"a\" 1}",
      "{1: 2}",
      "[1 2]",
      "{} {}",
      "[] x",
      "\"abc",
      "[\"a\"",
      "\"tab\there\"",  // a control character
      R"("\x")",
      R"("\u12")",
      R"("\u12G4")",
      R"("\ud800")",
      R"("\ud800\u0041")",
      R"("\udc00")",
      R"("\ud800x")",  // unpaired surrogates
      "\"\xc0\x80\"",
      "\"\xc1\xbf\"",  // overlong
      "\"\xe0\x80\x80\"",
      "\"\xed\xa0\x80\"",
      "\"\xf0\x80\x80\x80\"",
      "\"\xf4\x90\x80\x80\"",
      "\"\xf5\x80\x80\x80\"",
      "\"\x80\"",
      "\"\xc3\"",
      "\"\xe4\xb8\"",
      "\"\xff\"",
      "{\"a\": [1, 2, {\"b\": nul}]}",
      "// comment\n{}",
      std::string("[1, \0]", 6),
      std::string("\0", 1),
      std::string("\"a\0\"", 4),
  };
  for (const auto& text : documents) {
    CAPTURE(text);
    CHECK_FALSE(accepted(text));
    CHECK(agrees(text));
  }
}

TEST_CASE("read_json, a state cut short at every byte is refused") {
  const std::string state =
      R"({"version": 4, "resources": [{"mode": "managed", "type": "aws_instance", "name": "web",
      "instances": [{"index_key": 0, "status": "tainted", "attributes": {"id": "i-1", "tags": {"a": "\u00e9"},
      "size": 8, "ratio": 0.5, "on": true, "none": null, "list": [1, "2", [3]]}}]}]})";
  CHECK(agrees(state));
  for (std::size_t cut = 0; cut < state.size(); ++cut) {
    CAPTURE(cut);
    CHECK(agrees(state.substr(0, cut)));
  }
}

TEST_CASE("read_json, deep nesting costs no call stack") {
  const std::size_t depth = 200000;
  const std::string text = std::string(depth, '[') + std::string(depth, ']');
  ValueArena arena;
  Value value;
  REQUIRE(read_json(text, arena, value));
  std::size_t levels = 1;
  for (const Value* at = &value; at->size() == 1; at = &(*at)[0]) {
    ++levels;
  }
  CHECK(levels == depth);
  CHECK_FALSE(accepted(std::string(depth, '[') + std::string(depth - 1, ']')));
  CHECK_FALSE(accepted(std::string(depth, '{')));
}

TEST_CASE("Value, objects sorted and found by key, strings viewing the text") {
  const std::string text = R"({"zeta": "z", "alpha": {"inner": [true, -1, 2]}, "mid": "a\u0041"})";
  ValueArena arena;
  Value value;
  REQUIRE(read_json(text, arena, value));
  REQUIRE(value.is_object());
  CHECK(value.size() == 3);
  CHECK(value.begin_members()[0].key == "alpha");
  CHECK(value.begin_members()[2].key == "zeta");
  CHECK(value.find("zeta")->as_string() == "z");
  CHECK(value.find("zeta")->as_string().data() >= text.data());  // unescaped: a view into the text
  CHECK(value.find("zeta")->as_string().data() < text.data() + text.size());
  CHECK(value.find("mid")->as_string() == "aA");  // escaped: decoded into the arena
  CHECK(value.find("nothing") == nullptr);
  const Value* inner = value.find("alpha")->find("inner");
  REQUIRE(inner != nullptr);
  CHECK(inner->size() == 3);
  CHECK((*inner)[0].as_bool());
  CHECK((*inner)[1].kind() == Value::Kind::integer);
  CHECK((*inner)[2].kind() == Value::Kind::unsigned_integer);
  CHECK(std::string(inner->type_name()) == "array");
  CHECK((*inner)[0].find("x") == nullptr);  // not an object
}

TEST_CASE("Value, from_json and to_json give back the same tree") {
  const json tree = json::parse(R"({"a": [1, -2, 3.5, "s", null, false, {"k": {}}], "b": {"c": []}})");
  ValueArena arena;
  CHECK(same_json_tree(to_json(from_json(tree, arena)), tree));
}

TEST_CASE("same_value, nlohmann's == on the trees") {
  const std::vector<std::string> values = {"null",
                                           "true",
                                           "false",
                                           "0",
                                           "1",
                                           "-1",
                                           "1.0",
                                           "1.5",
                                           "18446744073709551615",
                                           "-9223372036854775808",
                                           R"("1")",
                                           R"("a")",
                                           "[]",
                                           "[1]",
                                           "[1.0]",
                                           "[1, 2]",
                                           "{}",
                                           R"({"a": 1})",
                                           R"({"a": 1.0})",
                                           R"({"b": 1})",
                                           R"({"a": 1, "b": [true]})",
                                           R"({"b": [true], "a": 1})"};
  ValueArena arena;
  for (const auto& left : values) {
    for (const auto& right : values) {
      CAPTURE(left);
      CAPTURE(right);
      Value a;
      Value b;
      REQUIRE(read_json(left, arena, a));
      REQUIRE(read_json(right, arena, b));
      CHECK(same_value(a, b) == (json::parse(left) == json::parse(right)));
    }
  }
}

TEST_CASE("read_json, strings longer than a word with specials at every offset") {
  for (std::size_t at = 0; at < 20; ++at) {
    for (const std::string special : {"\\n", "\\\"", "\xc3\xa9", "\x01", "\x80", "\""}) {
      std::string body(20, 'x');
      body.replace(at, 1, special);
      CAPTURE(at);
      CAPTURE(special);
      CHECK(agrees("\"" + body + "\""));
      CHECK(agrees("[\"" + body + "\", 1]"));
    }
  }
}
