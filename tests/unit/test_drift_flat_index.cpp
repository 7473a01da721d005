// FlatIndex through ActualState: every resource added is found by its address
// (short and long ones, across the table's growth), an address not added is
// not, and a second resource of an address is refused with the first one.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dharma/drift/actual_state.hpp"

using dharma::drift::ActualResource;
using dharma::drift::ActualState;

namespace {

// A resource whose strings `state` keeps (a resource's strings are views).
ActualResource resource_at(ActualState& state, const std::string& address,
                           const std::string& source = "a.tfstate") {
  ActualResource resource;
  resource.address = state.keep(address);
  resource.source = state.keep(source);
  return resource;
}

}  // namespace

TEST_CASE("flat index: every resource added is found, across the table's growth") {
  ActualState state;  // no reserve: the table grows from empty
  for (int i = 0; i < 5000; ++i) {
    // Short addresses and long ones alike.
    const std::string address = i % 2 == 0 ? "a.b" + std::to_string(i)
                                           : "module.network.aws_security_group.group_" + std::to_string(i);
    REQUIRE(state.add(resource_at(state, address)) == nullptr);
  }
  CHECK(state.resources.size() == 5000);
  for (int i = 0; i < 5000; ++i) {
    const std::string address = i % 2 == 0 ? "a.b" + std::to_string(i)
                                           : "module.network.aws_security_group.group_" + std::to_string(i);
    const ActualResource* found = state.find(address);
    REQUIRE(found != nullptr);
    CHECK(found->address == address);
    CHECK(found == &state.resources[static_cast<std::size_t>(i)]);
  }
  CHECK(state.find("a.b5000") == nullptr);
  CHECK(state.find("") == nullptr);
  CHECK(state.find("module.network.aws_security_group.group_") == nullptr);
}

TEST_CASE("flat index: a second resource of one address is not added, and the first is named") {
  ActualState state;
  state.reserve(2);
  REQUIRE(state.add(resource_at(state, "aws_vpc.main", "one.tfstate")) == nullptr);
  const ActualResource* first = state.add(resource_at(state, "aws_vpc.main", "two.tfstate"));
  REQUIRE(first != nullptr);
  CHECK(first->source == "one.tfstate");
  CHECK(state.resources.size() == 1);
  CHECK(state.by_address.size() == 1);
}

TEST_CASE("flat index: an empty state finds nothing") {
  const ActualState state;
  CHECK(state.find("aws_vpc.main") == nullptr);
}

TEST_CASE("flat index: keys of every length up to 40, the empty one too, each at its own position") {
  std::vector<std::string> keys;
  for (std::size_t length = 0; length <= 40; ++length) {
    for (char c : {'a', 'b'}) {
      keys.push_back(std::string(length, c));
    }
  }
  keys.erase(keys.begin() + 1);  // the empty key once
  dharma::util::FlatIndex index;
  const auto key_at = [&keys](std::size_t at) -> const std::string& { return keys[at]; };
  for (std::size_t i = 0; i < keys.size(); ++i) {
    REQUIRE(index.find(keys[i], key_at) == dharma::util::FlatIndex::npos);
    index.add(keys[i], i);
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    CHECK(index.find(keys[i], key_at) == i);
  }
  CHECK(index.find(std::string(41, 'a'), key_at) == dharma::util::FlatIndex::npos);
  CHECK(index.size() == keys.size());
}
