// The loader allocates scalars and nulls in blocks shared by consecutive
// leaves (loader.cpp, TreeBuilder::leaf): each such node must still be a
// valid node with its own text and position, a node copied out of a tree
// must outlive the tree, and dropping every pointer into a tree must free all
// of it (no block keeps itself alive).

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/loader_paths.hpp"

using namespace dharma;

namespace {

yaml::NodePtr load_ok(const std::string& text) {
  util::Diagnostics diagnostics;
  auto root = yaml::load(text, "t.yaml", diagnostics);
  REQUIRE(root);
  REQUIRE(diagnostics.all().empty());
  return root;
}

}  // namespace

TEST_CASE("yaml leaves: every scalar keeps its text, kind and position, in maps and sequences") {
  const std::string text =
      "a: one\n"
      "b:\n"
      "c: 'two'\n"
      "list: [x, ~, \"y\", {k: v, e: ~}]\n"
      "nested:\n"
      "  - p\n"
      "  -\n"
      "  - q: r\n"
      "    s: a string longer than fifteen bytes\n";
  for (const bool fast : {true, false}) {
    CAPTURE(fast);
    util::Diagnostics diagnostics;
    const auto root = fast ? yaml::load_with_fast_scanner(text, "t.yaml")
                           : yaml::load_with_libyaml(text, "t.yaml", diagnostics);
    REQUIRE(root);
    REQUIRE(root->entries.size() == 5);
    CHECK(root->entries[0].first->scalar == "a");
    CHECK(root->entries[0].first->line == 1);
    CHECK(root->entries[0].first->column == 1);
    CHECK(root->entries[0].second->scalar == "one");
    CHECK(root->entries[0].second->column == 4);
    CHECK(root->entries[1].second->is_null());
    CHECK(root->entries[1].second->line == 3);  // an empty value sits where the next token starts
    CHECK(root->entries[2].second->scalar == "two");
    CHECK_FALSE(root->entries[2].second->plain);
    const yaml::Node& list = *root->entries[3].second;
    REQUIRE(list.items.size() == 4);
    CHECK(list.items[0]->scalar == "x");
    CHECK(list.items[1]->is_null());
    CHECK(list.items[2]->scalar == "y");
    CHECK(list.items[3]->find("k")->scalar == "v");
    CHECK(list.items[3]->find("e")->is_null());
    const yaml::Node& nested = *root->find("nested");
    REQUIRE(nested.items.size() == 3);
    CHECK(nested.items[0]->scalar == "p");
    CHECK(nested.items[0]->line == 6);
    CHECK(nested.items[1]->is_null());
    CHECK(nested.items[2]->find("s")->scalar == "a string longer than fifteen bytes");
    CHECK(nested.items[2]->find_key("s")->line == 9);
    CHECK(nested.items[2]->find_key("s")->column == 5);
    CHECK(*nested.items[2]->find_key("s")->file == "t.yaml");
  }
}

TEST_CASE("yaml leaves: a node copied out of a tree outlives the tree") {
  yaml::NodePtr root = load_ok("a: {b: a string longer than fifteen bytes, c: [1, 2]}\nd: e\n");
  const yaml::NodePtr value = root->find("a")->entries[0].second;
  const yaml::NodePtr key = root->find("a")->entries[1].first;
  const yaml::NodePtr item = root->find("a")->find("c")->items[1];
  root.reset();
  CHECK(value->scalar == "a string longer than fifteen bytes");
  CHECK(value->line == 1);
  CHECK(value->column == 8);
  CHECK(key->scalar == "c");
  CHECK(item->scalar == "2");
}

TEST_CASE("yaml leaves: dropping the tree frees every node") {
  yaml::NodePtr root = load_ok("a: [x, y, {z: 1}]\nb: &anchor shared\nc: *anchor\nd:\n");
  std::vector<std::weak_ptr<const yaml::Node>> nodes{root};
  for (const auto& [key, value] : root->entries) {
    nodes.emplace_back(key);
    nodes.emplace_back(value);
    for (const auto& item : value->items) {
      nodes.emplace_back(item);
    }
  }
  CHECK(root->find("b") == root->find("c"));  // an alias shares its anchored node
  yaml::NodePtr kept = root->find("a")->items[0] == nullptr ? nullptr : root->find("a")->items[0];
  root.reset();
  CHECK(kept->scalar == "x");
  kept.reset();
  for (const auto& node : nodes) {
    CHECK(node.expired());
  }
}

TEST_CASE("yaml leaves: a document that is one scalar is owned by its root alone") {
  const auto root = load_ok("just text\n");
  CHECK(root->scalar == "just text");
  CHECK(root.use_count() == 1);
}
