// `count`: expansion into instances, count 0, count from a parameter, and the
// errors for counts that are not whole numbers, negative, too large or
// depend on values known only after apply.

#include <doctest/doctest.h>

#include "blueprint_fixture.hpp"

using namespace dharma;

namespace {

std::string with_count(const std::string& count) {
  return test::blueprint_header() +
         "parameters: {n: {type: integer, default: 2}, s: {type: string, default: x}}\n" +
         "resources:\n  - {name: vpc, type: network.vpc, properties: {cidr: 10.0.0.0/16}}\n" +
         "  - {name: web, type: storage.bucket, count: " + count + "}\n";
}

}  // namespace

TEST_CASE("resolve, count expands into indexed instances") {
  const auto r = test::resolve_text(with_count("3"));
  REQUIRE(r.resolved);
  const auto json = r.json();
  REQUIRE(json["resources"].size() == 4);
  CHECK(json["resources"][1]["name"] == "web[0]");
  CHECK(json["resources"][3]["name"] == "web[2]");
  CHECK(json["resources"][3]["index"] == 2);
}

TEST_CASE("resolve, count from a parameter and count 0") {
  SUBCASE("parameter") {
    const auto r = test::resolve_text(with_count("\"${param.n}\""));
    REQUIRE(r.resolved);
    CHECK(r.json()["resources"].size() == 3);
  }
  SUBCASE("--set overrides it") {
    const auto r = test::resolve_text(with_count("\"${param.n}\""), {"", {"n=0"}, {}});
    REQUIRE(r.resolved);
    CHECK(r.json()["resources"].size() == 1);
  }
}

TEST_CASE("resolve, invalid counts") {
  struct Case {
    std::string count;
    std::string error;
  };
  for (const auto& c : std::vector<Case>{
           {"two", "t.yaml:9:46: error: count of 'web' must be a whole number, not a string"},
           {"1.5", "t.yaml:9:46: error: count of 'web' must be a whole number, not a number"},
           {"-1", "t.yaml:9:46: error: count of 'web' is -1; it must be between 0 and 10000"},
           {"10001", "t.yaml:9:46: error: count of 'web' is 10001; it must be between 0 and 10000"},
           {"\"${param.s}\"", "t.yaml:9:46: error: count of 'web' must be a whole number, not a string"},
           {"\"${vpc.cidr}\"",
            "t.yaml:9:49: error: this value must be known before apply; it cannot use the resource reference "
            "${vpc.cidr}"},
       }) {
    CAPTURE(c.count);
    const auto r = test::resolve_text(with_count(c.count));
    CHECK_FALSE(r.resolved);
    CHECK(r.first_error() == c.error);
  }
}
