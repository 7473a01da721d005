// merged_tags (the `tags` a mapping sees) against the rule it replaced: each
// tag erases every label or earlier tag of its key and is appended, then
// managed_by is erased and appended as dharma. The new code indexes keys so a
// resource with tens of thousands of tags renders in linear time.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "dharma/render/terraform_scope.hpp"

using namespace dharma;
using value::Value;

namespace {

value::Map merged_one_by_one(const value::Map& labels, const value::Map* tags) {
  value::Map merged = labels;
  if (tags != nullptr) {
    for (const auto& [key, value] : *tags) {
      std::erase_if(merged, [&](const auto& entry) { return entry.first == key; });
      merged.emplace_back(key, value);
    }
  }
  std::erase_if(merged, [](const auto& entry) { return entry.first == "managed_by"; });
  merged.emplace_back("managed_by", Value::string("dharma"));
  return merged;
}

value::Map random_map(std::mt19937& random, int size) {
  static const char* const keys[] = {"a",    "b",          "c",   "d",
                                     "team", "managed_by", "env", "a-long-key-beyond-sso-size-x"};
  value::Map map;
  for (int i = 0; i < size; ++i) {
    map.emplace_back(keys[random() % 8], Value::string(std::to_string(random() % 100)));
  }
  return map;
}

}  // namespace

TEST_CASE("merged_tags, tags replace labels of their key and come after them, managed_by last") {
  const value::Map labels{{"team", Value::string("web")}, {"env", Value::string("prod")}};
  const value::Map tags{{"env", Value::string("dev")}, {"tier", Value::string("1")}};
  const auto merged = render::merged_tags(labels, &tags);
  REQUIRE(merged.size() == 4);
  CHECK(merged[0].first == "team");
  CHECK(merged[1].first == "env");
  CHECK(merged[1].second.as_string() == "dev");
  CHECK(merged[2].first == "tier");
  CHECK(merged[3].first == "managed_by");
  CHECK(merged[3].second.as_string() == "dharma");
  CHECK(render::merged_tags(labels, nullptr).size() == 3);
}

TEST_CASE("merged_tags, the same maps as replacing one tag at a time, duplicates included") {
  std::mt19937 random(17);
  for (int round = 0; round < 3000; ++round) {
    const auto labels = random_map(random, static_cast<int>(random() % 9));
    const auto tags = random_map(random, static_cast<int>(random() % 9));
    const bool with_tags = random() % 4 != 0;
    const auto expected = merged_one_by_one(labels, with_tags ? &tags : nullptr);
    const auto merged = render::merged_tags(labels, with_tags ? &tags : nullptr);
    REQUIRE(merged.size() == expected.size());
    for (std::size_t i = 0; i < merged.size(); ++i) {
      CHECK(merged[i].first == expected[i].first);
      CHECK(merged[i].second.as_string() == expected[i].second.as_string());
    }
  }
}
