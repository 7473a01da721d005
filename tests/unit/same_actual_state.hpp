#pragma once
// Test helper: two reads of one state (whole, in pieces, mapped) gave the
// same ActualState: the same resources in the same order, with the same
// flags and values, and the same counts of what was left out.
#include <doctest/doctest.h>

#include "dharma/drift/actual_state.hpp"

namespace dharma::test_support {

inline void check_same_actual_state(const drift::ActualState& expected, const drift::ActualState& got) {
  REQUIRE(expected.resources.size() == got.resources.size());
  CHECK(expected.data_sources == got.data_sources);
  CHECK(expected.deposed == got.deposed);
  for (std::size_t i = 0; i < expected.resources.size(); ++i) {
    CHECK(expected.resources[i].address == got.resources[i].address);
    CHECK(expected.resources[i].tainted == got.resources[i].tainted);
    CHECK(expected.resources[i].sensitive == got.resources[i].sensitive);
    CHECK(drift::to_json(expected.resources[i].attributes) == drift::to_json(got.resources[i].attributes));
  }
}

}  // namespace dharma::test_support
