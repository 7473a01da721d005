// BlockMemory, the monotonic resource under drift's value arenas: every
// allocation aligned and apart from every other, blocks capped at the
// largest size asked for (a larger request gets a block of its own), and
// values read into a capped arena the same as into an uncapped one.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "dharma/drift/json_reader.hpp"
#include "dharma/drift/value.hpp"

using namespace dharma::drift;

TEST_CASE("BlockMemory, allocations aligned and apart, large ones on their own") {
  for (const std::size_t largest : {std::size_t{256}, std::size_t{8192}, SIZE_MAX}) {
    BlockMemory memory(64, largest);
    std::vector<std::pair<std::uintptr_t, std::size_t>> taken;
    const std::size_t sizes[] = {1, 3, 8, 16, 24, 100, 255, 256, 300, 5000, 20000, 7};
    const std::size_t alignments[] = {1, 2, 8, 16};
    for (int round = 0; round < 40; ++round) {
      for (std::size_t i = 0; i < std::size(sizes); ++i) {
        const std::size_t size = sizes[(i + round) % std::size(sizes)];
        const std::size_t alignment = alignments[(i + round) % std::size(alignments)];
        void* at = memory.allocate(size, alignment);
        CHECK(reinterpret_cast<std::uintptr_t>(at) % alignment == 0);
        std::fill_n(static_cast<unsigned char*>(at), size, static_cast<unsigned char>(i));
        taken.emplace_back(reinterpret_cast<std::uintptr_t>(at), size);
      }
    }
    std::sort(taken.begin(), taken.end());
    for (std::size_t i = 1; i < taken.size(); ++i) {
      CHECK(taken[i - 1].first + taken[i - 1].second <= taken[i].first);
    }
  }
}

TEST_CASE("BlockMemory, a capped arena holds the same values as an uncapped one") {
  std::string text = "[";
  for (int i = 0; i < 2000; ++i) {
    text += (i == 0 ? "" : ",") + std::string(R"({"id": "i-)") + std::to_string(i) + R"(", "long": ")" +
            std::string(static_cast<std::size_t>(i % 300), 'x') + R"(", "n": )" + std::to_string(i) + "}";
  }
  text += "]";
  ValueArena capped(64, 256);
  ValueArena uncapped;
  Value a;
  Value b;
  REQUIRE(read_json(text, capped, a, JsonStrings::copy));
  REQUIRE(read_json(text, uncapped, b, JsonStrings::copy));
  CHECK(to_json(a) == to_json(b));
  CHECK(to_json(a) == nlohmann::json::parse(text));
}
