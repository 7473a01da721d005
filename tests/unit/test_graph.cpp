// The dependency graph alone: stable topological order (ties by declaration
// order), levels, cycles named in full, and no recursion on long chains.

#include <doctest/doctest.h>

#include "dharma/blueprint/graph.hpp"

using namespace dharma::blueprint;

TEST_CASE("build_graph, orders dependencies first with ties in declaration order") {
  const auto g =
      build_graph({"web", "vpc", "db", "subnet", "bucket"}, {{"subnet"}, {}, {"subnet", "web"}, {"vpc"}, {}});
  REQUIRE_FALSE(g.cycle);
  // Kahn's algorithm always takes the earliest-declared ready resource.
  CHECK(g.order == std::vector<std::string>{"vpc", "subnet", "web", "db", "bucket"});
  REQUIRE(g.levels.size() == 4);
  CHECK(g.levels[0].resources == std::vector<std::string>{"vpc", "bucket"});
  CHECK(g.levels[1].resources == std::vector<std::string>{"subnet"});
  CHECK(g.levels[2].resources == std::vector<std::string>{"web"});
  CHECK(g.levels[3].resources == std::vector<std::string>{"db"});
}

TEST_CASE("build_graph, duplicate and unknown dependencies are ignored") {
  const auto g = build_graph({"a", "b"}, {{}, {"a", "a", "ghost"}});
  REQUIRE_FALSE(g.cycle);
  CHECK(g.order == std::vector<std::string>{"a", "b"});
}

TEST_CASE("build_graph, names the whole cycle") {
  SUBCASE("two nodes") {
    const auto g = build_graph({"web", "db"}, {{"db"}, {"web"}});
    REQUIRE(g.cycle);
    CHECK(*g.cycle == std::vector<std::string>{"web", "db", "web"});
  }
  SUBCASE("three nodes behind an acyclic part") {
    const auto g = build_graph({"vpc", "a", "b", "c", "d"}, {{}, {"c", "vpc"}, {"a"}, {"b"}, {"a"}});
    REQUIRE(g.cycle);
    CHECK(*g.cycle == std::vector<std::string>{"a", "c", "b", "a"});
  }
}

TEST_CASE("build_graph, empty graph") {
  const auto g = build_graph({}, {});
  CHECK_FALSE(g.cycle);
  CHECK(g.order.empty());
  CHECK(g.levels.empty());
}

TEST_CASE("build_graph, a 100,000-resource chain does not recurse") {
  const std::size_t n = 100000;
  std::vector<std::string> names;
  std::vector<std::vector<std::string>> dependencies;
  for (std::size_t i = 0; i < n; ++i) {
    names.push_back("r" + std::to_string(i));
    dependencies.push_back(i == 0 ? std::vector<std::string>{} : std::vector<std::string>{names[i - 1]});
  }
  SUBCASE("acyclic") {
    const auto g = build_graph(names, dependencies);
    REQUIRE_FALSE(g.cycle);
    CHECK(g.levels.size() == n);
    CHECK(g.order.back() == "r99999");
  }
  SUBCASE("closed into one long cycle") {
    dependencies[0] = {names[n - 1]};
    const auto g = build_graph(names, dependencies);
    REQUIRE(g.cycle);
    CHECK(g.cycle->size() == n + 1);
    CHECK(g.cycle->front() == g.cycle->back());
  }
}

TEST_CASE("build_graph over resolved resources gives the same order, levels and cycle as over names") {
  const std::vector<std::string> names{"web", "vpc", "db", "subnet", "bucket", "ghosted"};
  for (const bool cyclic : {false, true}) {
    CAPTURE(cyclic);
    std::vector<std::vector<std::string>> dependencies{
        {"subnet"}, {}, {"subnet", "web"}, {cyclic ? "db" : "vpc"}, {}, {"ghost", "vpc", "vpc"}};
    std::vector<ResolvedResource> resources(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      resources[i].name = names[i];
      resources[i].dependencies = dependencies[i];
    }
    const auto by_names = build_graph(names, dependencies);
    const auto by_resources = build_graph(resources);
    CHECK(by_resources.order == by_names.order);
    CHECK(by_resources.cycle == by_names.cycle);
    REQUIRE(by_resources.levels.size() == by_names.levels.size());
    for (std::size_t l = 0; l < by_names.levels.size(); ++l) {
      CHECK(by_resources.levels[l].level == by_names.levels[l].level);
      CHECK(by_resources.levels[l].resources == by_names.levels[l].resources);
    }
    CHECK(by_names.cycle.has_value() == cyclic);
  }
}
