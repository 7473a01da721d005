// util::FlatStringMap: the open-addressed map behind the per-resource tables
// (resource infos, parsed templates, Terraform addresses, NameIndex); it must
// answer exactly as std::unordered_map would.
#include <doctest/doctest.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "dharma/util/flat_string_map.hpp"

using dharma::util::FlatStringMap;
using dharma::util::FlatStringSet;

TEST_CASE("FlatStringMap, an empty map finds nothing") {
  const FlatStringMap<int> map;
  CHECK(map.find("a") == nullptr);
  CHECK(map.find("") == nullptr);
  CHECK(map.empty());
}

TEST_CASE("FlatStringMap, keeps the first value of a key and says whether it added one") {
  FlatStringMap<int> map;
  CHECK(map.emplace("vpc", 1).second);
  const auto again = map.emplace("vpc", 2);
  CHECK_FALSE(again.second);
  CHECK(*again.first == 1);
  REQUIRE(map.find("vpc") != nullptr);
  CHECK(*map.find("vpc") == 1);
  CHECK(map.find("vp") == nullptr);
  CHECK(map.find("vpc2") == nullptr);
  CHECK(map.size() == 1);
}

TEST_CASE("FlatStringMap, the initializer list keeps the first of duplicate keys") {
  const FlatStringMap<int> map{{"a", 1}, {"b", 2}, {"a", 3}};
  CHECK(map.size() == 2);
  CHECK(*map.find("a") == 1);
  CHECK(*map.find("b") == 2);
}

TEST_CASE("FlatStringMap, operator[] adds a value-initialized entry once") {
  FlatStringMap<int> map;
  CHECK(map["x"] == 0);
  map["x"] = 7;
  map["x"] += 1;
  CHECK(*map.find("x") == 8);
  CHECK(map.size() == 1);
}

TEST_CASE("FlatStringMap, iterates in insertion order") {
  FlatStringMap<int> map;
  for (const char* key : {"zeta", "alpha", "mid", "alpha"}) {
    map.emplace(key, static_cast<int>(map.size()));
  }
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) {
    keys.push_back(key);
  }
  CHECK(keys == std::vector<std::string>{"zeta", "alpha", "mid"});
}

TEST_CASE("FlatStringMap, answers as std::unordered_map through every growth") {
  FlatStringMap<int> map;
  std::unordered_map<std::string, int> reference;
  for (int i = 0; i < 20000; ++i) {
    // Keys that share long prefixes and lengths, as resource names do.
    const std::string key = "subnet_" + std::to_string(i % 7000) + (i % 3 == 0 ? "" : "_b");
    const bool added = map.emplace(key, i).second;
    CHECK(added == reference.emplace(key, i).second);
  }
  CHECK(map.size() == reference.size());
  for (const auto& [key, value] : reference) {
    REQUIRE(map.find(key) != nullptr);
    CHECK(*map.find(key) == value);
  }
  CHECK(map.find("subnet_7000") == nullptr);
  CHECK(map.find("") == nullptr);
}

TEST_CASE("FlatStringMap, reserve before and after insertions keeps every entry") {
  FlatStringMap<std::string> map;
  map.emplace("a", "1");
  map.reserve(1000);
  for (int i = 0; i < 1000; ++i) {
    map.emplace(std::to_string(i), std::to_string(i * 2));
  }
  map.reserve(10);  // smaller than the map: nothing lost
  CHECK(*map.find("a") == "1");
  CHECK(*map.find("999") == "1998");
  CHECK(map.size() == 1001);
}

TEST_CASE("FlatStringSet, says whether a key was new") {
  FlatStringSet seen;
  CHECK(seen.insert("resource.aws_vpc.main"));
  CHECK_FALSE(seen.insert("resource.aws_vpc.main"));
  CHECK(seen.insert("data.aws_vpc.main"));
  CHECK(seen.contains("data.aws_vpc.main"));
  CHECK_FALSE(seen.contains("aws_vpc.main"));
  CHECK(seen.size() == 2);
}

TEST_CASE("FlatStringMap, with string_view keys keeps views of the caller's names") {
  const std::vector<std::string> names{"vpc", "subnet_0", "vpc"};
  FlatStringMap<std::size_t, std::string_view> index;
  for (std::size_t i = 0; i < names.size(); ++i) {
    index.emplace(names[i], i);
  }
  CHECK(index.size() == 2);
  CHECK(*index.find("vpc") == 0);
  CHECK(*index.find(std::string("subnet_0")) == 1);
  CHECK(index.begin()->first.data() == names[0].data());
}
