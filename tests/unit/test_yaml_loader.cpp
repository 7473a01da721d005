#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dharma/yaml/loader.hpp"

using namespace dharma;

namespace {
yaml::NodePtr load_text(const std::string& text, util::Diagnostics& diagnostics) {
  return yaml::load(text, "t.yaml", diagnostics);
}
std::string first_error(const util::Diagnostics& diagnostics) {
  return diagnostics.all().empty() ? "" : util::format_diagnostic(diagnostics.all().front());
}
}  // namespace

TEST_CASE("yaml::load, keeps positions and quoting") {
  util::Diagnostics diagnostics;
  auto root = load_text("a: 1\nb:\n  - \"true\"\n  - true\n", diagnostics);
  REQUIRE(root);
  CHECK_FALSE(diagnostics.has_errors());
  const auto* b = root->find("b");
  REQUIRE(b != nullptr);
  CHECK(b->items.at(0)->line == 3);
  CHECK(b->items.at(0)->column == 5);
  CHECK_FALSE(b->items.at(0)->plain);
  CHECK_FALSE(yaml::as_bool(*b->items.at(0)).has_value());
  CHECK(yaml::as_bool(*b->items.at(1)).value());
}

TEST_CASE("yaml::load, reports duplicate keys with both lines") {
  util::Diagnostics diagnostics;
  load_text("name: a\nother: 1\nname: b\n", diagnostics);
  CHECK(first_error(diagnostics) == "t.yaml:3:1: error: duplicate key 'name' (first defined at line 1)");
}

TEST_CASE("yaml::load, finds duplicate keys in a large map, each against its first definition") {
  // Past 32 keys the loader looks keys up by text instead of scanning the
  // map; the messages must be the ones the scan gives.
  std::string text;
  for (int i = 0; i < 100; ++i) {
    text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";  // lines 1-100
  }
  text += "k3: again\n";                   // line 101, first defined at line 4 (before the index)
  text += "k70: again\n";                  // line 102, first defined at line 71 (after it)
  text += "nested:\n  k3: 1\n  k70: 2\n";  // another map: no duplicates there
  text += "k70: thrice\n";                 // line 106: still line 71
  util::Diagnostics diagnostics;
  load_text(text, diagnostics);
  std::vector<std::string> errors;
  for (const auto& diagnostic : diagnostics.all()) {
    errors.push_back(util::format_diagnostic(diagnostic));
  }
  CHECK(errors == std::vector<std::string>{
                      "t.yaml:101:1: error: duplicate key 'k3' (first defined at line 4)",
                      "t.yaml:102:1: error: duplicate key 'k70' (first defined at line 71)",
                      "t.yaml:106:1: error: duplicate key 'k70' (first defined at line 71)",
                  });
}

TEST_CASE("yaml::load, stops alias bombs before expanding them") {
  std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string previous = "a";
  for (char c = 'b'; c <= 'i'; ++c) {
    const std::string name(1, c);
    text += name + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) {
      text += (i ? ", *" : "*") + previous;
    }
    text += "]\n";
    previous = name;
  }
  util::Diagnostics diagnostics;
  auto root = load_text(text, diagnostics);
  CHECK(root == nullptr);
  CHECK(first_error(diagnostics).find("alias bomb") != std::string::npos);
}

TEST_CASE("yaml::load, limits nesting depth") {
  util::Diagnostics diagnostics;
  const std::string text = std::string(1000, '[') + std::string(1000, ']');
  CHECK(load_text(text, diagnostics) == nullptr);
  CHECK(first_error(diagnostics) == "t.yaml:1:201: error: YAML is nested more than 200 levels deep");
}

TEST_CASE("yaml::load, rejects invalid UTF-8 with its position") {
  util::Diagnostics diagnostics;
  CHECK(load_text("a: 1\nb: \xff\n", diagnostics) == nullptr);
  CHECK(first_error(diagnostics) ==
        "t.yaml:2:4: error: file is not valid UTF-8 (byte offset 8); save it as UTF-8");
}

TEST_CASE("yaml::load, reports syntax errors with position") {
  util::Diagnostics diagnostics;
  CHECK(load_text("a: [1, 2\nb: 3\n", diagnostics) == nullptr);
  CHECK(diagnostics.has_errors());
  CHECK(first_error(diagnostics).rfind("t.yaml:", 0) == 0);
}

TEST_CASE("yaml::load, counts each node once, however deeply nested") {
  // 600 scalars four levels down: 600-odd nodes, under a limit of 1,000. The
  // limit is for alias expansion; counting a node again at every enclosing
  // level made a 50,000-resource blueprint look like an alias bomb.
  std::string text = "a:\n  b:\n    c:\n";
  for (int i = 0; i < 600; ++i) {
    text += "      - x" + std::to_string(i) + "\n";
  }
  util::Diagnostics diagnostics;
  yaml::LoadLimits limits;
  limits.max_nodes = 1000;
  auto root = yaml::load(text, "t.yaml", diagnostics, limits);
  CHECK_FALSE(diagnostics.has_errors());
  REQUIRE(root);
  CHECK(root->find("a")->find("b")->find("c")->items.size() == 600);

  SUBCASE("aliases still count their whole expansion") {
    util::Diagnostics alias_diagnostics;
    const std::string bomb =
        "x: &x [a, b, c, d, e, f, g, h, i, j]\n"
        "y: &y [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x]\n"
        "z: [*y, *y, *y, *y, *y, *y, *y, *y, *y, *y]\n";
    CHECK(yaml::load(bomb, "t.yaml", alias_diagnostics, limits) == nullptr);
    CHECK(first_error(alias_diagnostics).find("alias bomb") != std::string::npos);
  }
}

// The cases below pin what the loader does where yaml-cpp and libyaml (its
// event source since issue 17) could differ.

TEST_CASE("yaml::load, an empty value is a null node placed where the next token starts") {
  util::Diagnostics diagnostics;
  auto root = load_text("a:\nb: 1\nc: ~\nd: null\ne: 'null'\n", diagnostics);
  REQUIRE(root);
  CHECK_FALSE(diagnostics.has_errors());
  const auto* a = root->find("a");
  REQUIRE(a != nullptr);
  CHECK(a->is_null());
  CHECK(a->line == 2);
  CHECK(a->column == 1);
  CHECK(root->find("c")->is_null());
  CHECK(root->find("d")->is_null());
  CHECK(root->find("e")->is_scalar());
  CHECK_FALSE(root->find("e")->plain);
}

TEST_CASE("yaml::load, indentation with a tab is an error at the tab") {
  util::Diagnostics diagnostics;
  CHECK(load_text("a:\n\tb: 1\n", diagnostics) == nullptr);
  CHECK(
      first_error(diagnostics) ==
      "t.yaml:2:1: error: invalid YAML: found character that cannot start any token (indent with spaces, not "
      "tabs)");
}

TEST_CASE("yaml::load, a tab between a key and its value is allowed") {
  util::Diagnostics diagnostics;
  auto root = load_text("a:\tb\nc: 1\t# comment\n", diagnostics);
  REQUIRE(root);
  CHECK_FALSE(diagnostics.has_errors());
  CHECK(root->find("a")->scalar == "b");
  CHECK(root->find("c")->scalar == "1");
}

TEST_CASE("yaml::load, accepts %YAML 1.1 and 1.2 directives, refuses 2.0") {
  for (const char* version : {"1.1", "1.2"}) {
    util::Diagnostics diagnostics;
    auto root = load_text(std::string("%YAML ") + version + "\n---\na: 1\n", diagnostics);
    REQUIRE(root);
    CHECK_FALSE(diagnostics.has_errors());
    CHECK(root->find("a")->line == 3);
  }
  util::Diagnostics diagnostics;
  CHECK(load_text("%YAML 2.0\n---\na: 1\n", diagnostics) == nullptr);
  CHECK(first_error(diagnostics) == "t.yaml:1:1: error: invalid YAML: found incompatible YAML document");
}

TEST_CASE("yaml::load, a byte-order mark does not move positions") {
  util::Diagnostics diagnostics;
  auto root = load_text(
      "\xEF\xBB\xBF"
      "a: 1\nb: 'x'\n",
      diagnostics);
  REQUIRE(root);
  CHECK_FALSE(diagnostics.has_errors());
  CHECK(root->find("a")->column == 4);
  CHECK(root->find("b")->line == 2);
  util::Diagnostics unclosed;
  CHECK(load_text("\xEF\xBB\xBF"
                  "a: 1\nb: \"x\n",
                  unclosed) == nullptr);
  CHECK(first_error(unclosed) ==
        "t.yaml:2:4: error: a quoted string is not closed: the closing \" is missing before the end of the "
        "file");
}

TEST_CASE("yaml::load, an unclosed quoted string is reported where it starts") {
  util::Diagnostics diagnostics;
  CHECK(load_text("a: 1\np: 'it''s\nq: 2\n", diagnostics) == nullptr);
  CHECK(first_error(diagnostics) ==
        "t.yaml:2:4: error: a quoted string is not closed: the closing ' is missing before the end of the "
        "file");
}

TEST_CASE("yaml::load, a key longer than 1024 characters cannot be a plain key") {
  util::Diagnostics diagnostics;
  CHECK(load_text("a: 1\n" + std::string(1100, 'k') + ": 1\n", diagnostics) == nullptr);
  CHECK(
      first_error(diagnostics).rfind("t.yaml:2:1101: error: invalid YAML: could not find expected ':'", 0) ==
      0);
  util::Diagnostics short_key;
  auto root = load_text(std::string(1000, 'k') + ": 1\n", short_key);
  REQUIRE(root);
  CHECK_FALSE(short_key.has_errors());
}

TEST_CASE("yaml::load, columns count characters, not bytes") {
  util::Diagnostics diagnostics;
  auto root = load_text("b\xC3\xA9: [1, zz]\n", diagnostics);
  REQUIRE(root);
  const auto* list = root->find("b\xC3\xA9");
  REQUIRE(list != nullptr);
  CHECK(list->column == 5);
  CHECK(list->items.at(1)->column == 9);
}

TEST_CASE("yaml::load, refuses raw control characters with their position") {
  util::Diagnostics diagnostics;
  CHECK(load_text("a: 1\nb: x\x01y\n", diagnostics) == nullptr);
  CHECK(
      first_error(diagnostics) ==
      "t.yaml:2:5: error: control character U+0001 is not allowed in YAML (byte offset 9); write it escaped "
      "inside a double-quoted string, or remove it");
  util::Diagnostics escaped;
  auto root = load_text("b: \"x\\x01y\"\n", escaped);
  REQUIRE(root);
  CHECK(root->find("b")->scalar == std::string("x\x01y"));
}

TEST_CASE("yaml::load, escapes of non-ASCII characters give valid UTF-8") {
  util::Diagnostics diagnostics;
  auto root = load_text("a: \"\\N\\_\\u00e9\\U0001F600\"\n", diagnostics);
  REQUIRE(root);
  CHECK(root->find("a")->scalar == "\xC2\x85\xC2\xA0\xC3\xA9\xF0\x9F\x98\x80");
}

TEST_CASE("yaml::load, anchors, aliases and an unknown alias") {
  util::Diagnostics diagnostics;
  auto root = load_text("a: &x {k: 1}\nb: *x\nc: &y 2\nd: *y\n<<: *x\n", diagnostics);
  REQUIRE(root);
  CHECK_FALSE(diagnostics.has_errors());
  CHECK(root->find("b") == root->find("a"));
  CHECK(root->find("d")->scalar == "2");
  CHECK(root->find("<<")->find("k")->scalar == "1");  // a merge key is an ordinary key
  util::Diagnostics unknown;
  CHECK(load_text("a: *nope\n", unknown) == nullptr);
  CHECK(first_error(unknown) ==
        "t.yaml:1:4: error: invalid YAML: unknown alias: its anchor is not defined "
        "(define it with '&NAME' before using '*NAME')");
  util::Diagnostics cycle;
  CHECK(load_text("a: &x [1, *x]\n", cycle) == nullptr);
  CHECK(first_error(cycle) == "t.yaml:1:11: error: unknown alias: its anchor is not defined");
}

TEST_CASE("yaml::load, tags are reported, and a quoted scalar is never plain") {
  util::Diagnostics diagnostics;
  auto root = load_text("a: !!str 1\nb: !secret x\nc: \"q\"\nd: |\n  block\n", diagnostics);
  REQUIRE(root);
  REQUIRE(diagnostics.all().size() == 2);
  CHECK(util::format_diagnostic(diagnostics.all()[0]) ==
        "t.yaml:1:4: error: YAML tags such as '!!str' are not supported; remove the tag (quote the value if "
        "it must "
        "be a string)");
  CHECK(util::format_diagnostic(diagnostics.all()[1]).find("'!secret'") != std::string::npos);
  CHECK(root->find("a")->plain);
  CHECK_FALSE(root->find("c")->plain);
  CHECK_FALSE(root->find("d")->plain);
  CHECK(root->find("d")->scalar == "block\n");
}

TEST_CASE("yaml::load, one document per file, empty files are a null node") {
  util::Diagnostics diagnostics;
  CHECK(load_text("a: 1\n---\nb: 2\n", diagnostics) == nullptr);
  CHECK(
      first_error(diagnostics) ==
      "t.yaml:2:1: error: expected one YAML document, found a second one here; keep one blueprint per file");
  for (const char* empty : {"", "# only a comment\n", "---\n", "a: 1\n...\n"}) {
    util::Diagnostics none;
    auto root = load_text(empty, none);
    REQUIRE(root);
    CHECK_FALSE(none.has_errors());
  }
  util::Diagnostics comment;
  CHECK(load_text("# only a comment\n", comment)->is_null());
}

TEST_CASE("yaml::load, an empty item in a flow sequence is a syntax error") {
  util::Diagnostics diagnostics;
  CHECK(load_text("[a, , b]\n", diagnostics) == nullptr);
  CHECK(first_error(diagnostics)
            .rfind("t.yaml:1:5: error: invalid YAML: did not find expected node content", 0) == 0);
}
