// util::NameIndex: the constant-time lookup by name that keeps graph, the
// renderers and overlays linear; it must answer exactly as a scan would.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dharma/util/find.hpp"

namespace {
struct Named {
  std::string name;
  int value;
};
}  // namespace

TEST_CASE("NameIndex, finds the first of duplicate names, as a scan does") {
  const std::vector<Named> items{{"a", 1}, {"b", 2}, {"a", 3}};
  dharma::util::NameIndex index;
  REQUIRE(index.find(items, &Named::name, "a") != nullptr);
  CHECK(index.find(items, &Named::name, "a")->value == 1);
  CHECK(index.find(items, &Named::name, "b")->value == 2);
  CHECK(index.find(items, &Named::name, "c") == nullptr);
}

TEST_CASE("NameIndex, sees items added and renamed after its first lookup") {
  std::vector<Named> items{{"a", 1}};
  dharma::util::NameIndex index;
  CHECK(index.find(items, &Named::name, "b") == nullptr);
  items.push_back({"b", 2});
  REQUIRE(index.find(items, &Named::name, "b") != nullptr);
  CHECK(index.find(items, &Named::name, "b")->value == 2);
  items[0].name = "z";
  CHECK(index.find(items, &Named::name, "a") == nullptr);
}

TEST_CASE("NameIndex, a copy of its owner answers for the copy's vector") {
  struct Owner {
    std::vector<Named> items;
    dharma::util::NameIndex index;
  };
  Owner first{{{"a", 1}, {"b", 2}}, {}};
  CHECK(first.index.find(first.items, &Named::name, "b")->value == 2);
  const Owner second = first;
  CHECK(second.index.find(second.items, &Named::name, "b") == &second.items[1]);
}
