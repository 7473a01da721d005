// util::Retired: kept objects live as long as the keeper, or as long as
// whoever takes them.

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "dharma/util/retired.hpp"

using dharma::util::Retired;

namespace {

struct Counted {
  explicit Counted(int* living) : alive(living) { ++*alive; }
  Counted(Counted&& other) noexcept : alive(other.alive) { ++*alive; }
  Counted(const Counted&) = delete;
  Counted& operator=(const Counted&) = delete;
  Counted& operator=(Counted&&) = delete;
  ~Counted() { --*alive; }
  int* alive;
};

}  // namespace

TEST_CASE("a retired object lives until the Retired ends") {
  int alive = 0;
  {
    Retired retired;
    {
      Counted value(&alive);
      retired.keep(std::move(value));
      CHECK(alive == 2);  // the moved-from one still exists here
    }
    CHECK(alive == 1);
  }
  CHECK(alive == 0);
}

TEST_CASE("keep returns the kept object, moved in") {
  Retired retired;
  std::vector<std::string> names{"a", "b"};
  auto& kept = retired.keep(std::move(names));
  CHECK(kept == std::vector<std::string>{"a", "b"});
}

TEST_CASE("taken objects outlive the Retired they came from") {
  int alive = 0;
  std::vector<std::shared_ptr<void>> taken;
  {
    Retired retired;
    retired.keep(Counted(&alive));
    taken = retired.take();
    CHECK(retired.take().empty());
  }
  CHECK(alive == 1);
  taken.clear();
  CHECK(alive == 0);
}
