// The state parser that skips what drift never reads (state_json.hpp): the
// same tree as nlohmann::json::parse minus exactly the dropped subtrees, and
// the same parse errors.

#include <doctest/doctest.h>

#include <string>

#include "dharma/drift/state_json.hpp"
#include "dharma/util/file.hpp"

using namespace dharma;
using namespace dharma::drift;
using nlohmann::json;

namespace {

const char* const k_state = R"({
  "version": 4, "serial": 3, "outputs": {"url": {"value": "x", "type": "string"}},
  "resources": [
    {"mode": "data", "type": "aws_ami", "name": "ubuntu", "instances": [
      {"schema_version": 0, "attributes": {"id": "ami-1", "tags": {"a": "b"}}, "sensitive_attributes": []}]},
    {"mode": "managed", "type": "aws_instance", "name": "web", "provider": "p", "instances": [
      {"index_key": 0, "schema_version": 1, "attributes": {"id": "i-1", "private": "kept", "tags": {}},
       "sensitive_attributes": [[{"type": "get_attr", "value": "user_data"}]],
       "private": "eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==", "dependencies": ["aws_vpc.main"],
       "create_before_destroy": true},
      {"index_key": 1, "deposed": "00aa", "attributes": {"id": "i-0"}, "private": "x"}]}
  ],
  "check_results": [{"object_kind": "resource", "status": "pass"}]
})";

}  // namespace

TEST_CASE("parse_state_json drops only the subtrees drift never reads") {
  json expected = json::parse(k_state);
  expected.erase("outputs");
  expected.erase("check_results");
  json& data = expected["resources"][0]["instances"][0];
  data.erase("attributes");
  data.erase("sensitive_attributes");
  json& web = expected["resources"][1]["instances"][0];
  web.erase("private");
  web.erase("dependencies");
  web.erase("create_before_destroy");
  json& deposed = expected["resources"][1]["instances"][1];
  deposed.erase("attributes");
  deposed.erase("private");
  CHECK(parse_state_json(k_state) == expected);
  // An attribute that happens to be called "private" is a value drift compares.
  CHECK(parse_state_json(k_state)["resources"][1]["instances"][0]["attributes"]["private"] == "kept");
}

TEST_CASE("parse_state_json keeps whatever is not a v4 state's resources as json::parse builds it") {
  for (const char* text :
       {R"({"format_version": "1.0", "values": {"root_module": {"resources": [{"address": "a.b", "mode":
           "managed", "type": "a", "name": "b", "values": {"private": 1, "dependencies": [2]}}]}}})",
        R"({"kind": "Deployment", "apiVersion": "apps/v1", "private": {"a": [1, 2.5, null, true]}})",
        R"([{"resources": []}, "outputs", 1])", R"({"version": 3, "modules": [{"path": ["root"]}]})",
        R"({"resources": {"instances": [{"private": 1}]}})"}) {
    CHECK(parse_state_json(text) == json::parse(text));
  }
}

TEST_CASE("parse_state_json fails as json::parse does") {
  for (const std::string text :
       {"", "{\"version\": 4,", "{\"resources\": [{\"instances\": [{\"private\": [1,}]}]}", "{} trailing",
        "[1, 2"}) {
    std::string expected;
    try {
      const json parsed = json::parse(text);
      CHECK(parsed.is_discarded());  // not reached: every text here is broken
    } catch (const json::parse_error& error) {
      expected = error.what();
    }
    REQUIRE_FALSE(expected.empty());
    CHECK_THROWS_WITH_AS(parse_state_json(text), expected.c_str(), json::parse_error);
  }
}
