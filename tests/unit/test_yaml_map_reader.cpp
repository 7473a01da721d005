#include <doctest/doctest.h>

#include "dharma/util/duration.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

using namespace dharma;
using namespace std::chrono_literals;

namespace {
std::vector<std::string> messages(const util::Diagnostics& diagnostics) {
  std::vector<std::string> result;
  for (const auto& item : diagnostics.all()) {
    result.push_back(util::format_diagnostic(item));
  }
  return result;
}
}  // namespace

TEST_CASE("MapReader reports unknown keys with a suggestion and goes on") {
  util::Diagnostics diagnostics;
  auto root = yaml::load("vus: 10\nduraton: 5s\nrate: 3\n", "s.yaml", diagnostics);
  yaml::MapReader reader(*root, "stage", diagnostics);
  reader.allow_only({"vus", "duration", "target"});
  CHECK(
      messages(diagnostics) ==
      std::vector<std::string>{"s.yaml:2:1: error: unknown key 'duraton' in stage (did you mean 'duration'?)",
                               "s.yaml:3:1: error: unknown key 'rate' in stage"});
}

TEST_CASE("MapReader reports a missing required key at the mapping") {
  util::Diagnostics diagnostics;
  auto root = yaml::load("\n  vus: 10\n", "s.yaml", diagnostics);
  yaml::MapReader reader(*root, "stage", diagnostics);
  CHECK_FALSE(reader.duration("duration", 0s, 24h, yaml::Need::required).has_value());
  CHECK(messages(diagnostics) ==
        std::vector<std::string>{"s.yaml:2:3: error: stage is missing required key 'duration'"});
}

TEST_CASE("MapReader reads typed values and reports wrong ones where they are") {
  util::Diagnostics diagnostics;
  auto root = yaml::load(
      "vus: 10\nduration: 1m30s\nratio: 0.5\nfast: true\nname: x\ntags: [a, b]\n"
      "bad_vus: many\nbad_duration: 5\nbad_ratio: 2\nbad_fast: \"yes\"\nbad_tags: [a, [b]]\n",
      "s.yaml", diagnostics);
  yaml::MapReader reader(*root, "stage", diagnostics);
  CHECK(reader.integer("vus", 1, 100) == 10);
  CHECK(reader.duration("duration", 0s, 1h) == std::chrono::nanoseconds(90s));
  CHECK(reader.number("ratio", 0, 1) == 0.5);
  CHECK(reader.boolean("fast") == true);
  CHECK(reader.choice("name", {"x", "y"}) == "x");
  CHECK(reader.strings("tags") == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(diagnostics.has_errors());

  CHECK_FALSE(reader.integer("bad_vus", 1, 100));
  CHECK_FALSE(reader.duration("bad_duration", 0s, 1h));
  CHECK_FALSE(reader.number("bad_ratio", 0, 1));
  CHECK_FALSE(reader.boolean("bad_fast"));
  CHECK_FALSE(reader.strings("bad_tags"));
  const auto found = messages(diagnostics);
  const std::vector<std::string> expected{
      "s.yaml:7:10: error: 'bad_vus' in stage must be an integer from 1 to 100, not 'many'",
      "s.yaml:8:15: error: 'bad_duration' in stage must be a duration from 0s to 1h such as 500ms, 5s or "
      "1m30s, not '5'",
      "s.yaml:9:12: error: 'bad_ratio' in stage must be a number from 0 to 1, not '2'",
      "s.yaml:10:11: error: 'bad_fast' in stage must be true or false, not 'yes'",
      "s.yaml:11:15: error: 'bad_tags' in stage must hold non-empty strings, not a list"};
  REQUIRE(found.size() == expected.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    CHECK(found[i] == expected[i]);
  }
}

TEST_CASE("MapReader on something that is not a mapping reports it once") {
  util::Diagnostics diagnostics;
  auto root = yaml::load("- a\n", "s.yaml", diagnostics);
  yaml::MapReader reader(*root, "scenario", diagnostics);
  reader.allow_only({"stages"});
  CHECK_FALSE(reader.string("name", yaml::Need::required));
  CHECK(messages(diagnostics) ==
        std::vector<std::string>{"s.yaml:1:1: error: scenario must be a mapping, not a list"});
}

TEST_CASE("MapReader suggests the closest choice") {
  util::Diagnostics diagnostics;
  auto root = yaml::load("driver: haproxi\n", "d.yaml", diagnostics);
  yaml::MapReader reader(*root, "deploy section", diagnostics);
  CHECK_FALSE(reader.choice("driver", {"haproxy", "nginx", "kubernetes"}));
  CHECK(
      messages(diagnostics) ==
      std::vector<std::string>{"d.yaml:1:9: error: 'driver' in deploy section must be one of haproxy, nginx, "
                               "kubernetes, not 'haproxi' (did you mean 'haproxy'?)"});
}

TEST_CASE("string_value and number_value check values that are not under a fixed key") {
  util::Diagnostics diagnostics;
  auto root = yaml::load("ok: 12.5\nneg: -1\nhuge: 1e100\nquoted: \"3\"\nname: web\nempty: ''\nlist: [a]\n",
                         "p.yaml", diagnostics);
  const auto number = [&](const char* key) {
    return yaml::number_value(*root->find(key), std::string("the price of ") + key, 0, 1e15, diagnostics);
  };
  CHECK(number("ok") == 12.5);
  CHECK_FALSE(number("neg"));
  CHECK_FALSE(number("huge"));
  CHECK_FALSE(number("quoted"));
  CHECK(yaml::string_value(*root->find("name"), "'name'", diagnostics) == "web");
  CHECK_FALSE(yaml::string_value(*root->find("empty"), "'empty'", diagnostics));
  CHECK_FALSE(yaml::string_value(*root->find("list"), "'list'", diagnostics));
  CHECK(
      messages(diagnostics) ==
      std::vector<std::string>{
          "p.yaml:2:6: error: the price of neg must be a number from 0 to 1,000,000,000,000,000, not '-1'",
          "p.yaml:3:7: error: the price of huge must be a number from 0 to 1,000,000,000,000,000, not "
          "'1e100'",
          "p.yaml:4:9: error: the price of quoted must be a number from 0 to 1,000,000,000,000,000, not '3'",
          "p.yaml:6:8: error: 'empty' must be a non-empty string, not an empty string",
          "p.yaml:7:7: error: 'list' must be a non-empty string, not a list"});
}

TEST_CASE("parse_duration reads units and refuses bare numbers") {
  CHECK(util::parse_duration("250ms") == std::chrono::nanoseconds(250ms));
  CHECK(util::parse_duration("1h30m") == std::chrono::nanoseconds(90min));
  CHECK(util::parse_duration("1.5s") == std::chrono::nanoseconds(1500ms));
  CHECK(util::parse_duration("10us") == std::chrono::nanoseconds(10us));
  CHECK_FALSE(util::parse_duration("5"));
  CHECK_FALSE(util::parse_duration(""));
  CHECK_FALSE(util::parse_duration("-5s"));
  CHECK_FALSE(util::parse_duration("5 s"));
  CHECK_FALSE(util::parse_duration("5sx"));
  CHECK_FALSE(util::parse_duration("99999999999h"));
  CHECK(util::format_duration(90s) == "1m30s");
  CHECK(util::format_duration(1500ms) == "1s500ms");
  CHECK(util::format_duration(0s) == "0s");
}
