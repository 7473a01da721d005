#include <doctest/doctest.h>

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
  CHECK(first_error(diagnostics) == "t.yaml:2:4: error: file is not valid UTF-8 (byte offset 8); save it as UTF-8");
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
    const std::string bomb = "x: &x [a, b, c, d, e, f, g, h, i, j]\n"
                             "y: &y [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x]\n"
                             "z: [*y, *y, *y, *y, *y, *y, *y, *y, *y, *y]\n";
    CHECK(yaml::load(bomb, "t.yaml", alias_diagnostics, limits) == nullptr);
    CHECK(first_error(alias_diagnostics).find("alias bomb") != std::string::npos);
  }
}
