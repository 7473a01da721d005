// yaml::ThinVector against std::vector: the same operations, in a seeded
// random order, must leave the same elements, and every element must be
// destroyed exactly once (shared_ptr use counts).
#include <doctest/doctest.h>

#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "dharma/yaml/node.hpp"
#include "dharma/yaml/thin_vector.hpp"

using dharma::yaml::ThinVector;

namespace {

using Element = std::pair<std::shared_ptr<const std::string>, std::shared_ptr<const std::string>>;

template <typename A, typename B>
bool same(const A& a, const B& b) {
  if (a.size() != b.size() || a.empty() != b.empty()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("ThinVector, random operations give what std::vector gives") {
  auto pool = std::vector<std::shared_ptr<const std::string>>();
  for (int i = 0; i < 16; ++i) {
    pool.push_back(std::make_shared<const std::string>("value " + std::to_string(i)));
  }
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 random(seed);
    std::vector<Element> expected;
    ThinVector<Element> actual;
    std::vector<Element> expected_copy;
    ThinVector<Element> actual_copy;
    for (int step = 0; step < 400; ++step) {
      const Element element{pool[random() % pool.size()], pool[random() % pool.size()]};
      switch (random() % 9) {
        case 0:
        case 1:
        case 2:
          expected.push_back(element);
          actual.push_back(element);
          break;
        case 3:
          expected.emplace_back(element.first, element.second);
          actual.emplace_back(element.first, element.second);
          break;
        case 4:
          if (!expected.empty()) {
            // An element of the vector itself, pushed while it grows.
            expected.push_back(expected.front());
            actual.push_back(actual.front());
          }
          break;
        case 5:
          if (!expected.empty()) {
            expected.pop_back();
            actual.pop_back();
          }
          break;
        case 6:
          expected_copy = expected;
          actual_copy = actual;
          break;
        case 7: {
          const std::size_t cut = expected.empty() ? 0 : random() % expected.size();
          expected.assign(expected_copy.begin(), expected_copy.end());
          actual.assign(actual_copy.begin(), actual_copy.end());
          for (std::size_t i = 0; i < cut && !expected.empty(); ++i) {
            expected.pop_back();
            actual.pop_back();
          }
          break;
        }
        default:
          if (random() % 4 == 0) {
            expected.clear();
            actual.clear();
          } else {
            ThinVector<Element> moved(std::move(actual));
            CHECK(actual.empty());  // NOLINT(bugprone-use-after-move): a moved-from ThinVector is empty
            actual = std::move(moved);
            actual.reserve(actual.size() + 3);
          }
          break;
      }
      REQUIRE(same(expected, actual));
      REQUIRE(same(expected_copy, actual_copy));
    }
  }
  // Everything the vectors held was released: only `pool` owns the strings.
  for (const auto& value : pool) {
    CHECK(value.use_count() == 1);
  }
}

TEST_CASE("ThinVector, empty is one null pointer and iterates nothing") {
  ThinVector<int> empty;
  CHECK(sizeof(empty) == sizeof(void*));
  CHECK(empty.begin() == empty.end());
  CHECK(empty.capacity() == 0);
  ThinVector<int> values{1, 2, 3};
  CHECK(values.size() == 3);
  CHECK(values.back() == 3);
  CHECK_THROWS_AS(values.at(3), std::out_of_range);
  values.assign(empty.begin(), empty.end());
  CHECK(values.empty());
  CHECK(ThinVector<int>{4, 5} == ThinVector<int>{4, 5});
}

TEST_CASE("yaml::Node, fits a 96-byte heap chunk with make_shared's control block") {
  if constexpr (sizeof(void*) == 8 && sizeof(std::string) == 32) {
    CHECK(sizeof(dharma::yaml::Node) == 72);
  }
}
