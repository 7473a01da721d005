// The state reader finds an entry's and an instance's members in one pass
// over their (sorted) keys: every member it reads is found among keys it
// does not read (before, between and after them), absent ones fall back as
// the lookups one by one did, and a member of the wrong type fails as
// nlohmann's value() does.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "dharma/drift/terraform_state.hpp"

using namespace dharma::drift;
using nlohmann::json;

namespace {

ActualState read(const std::string& text) {
  ActualState state;
  read_terraform_state(text, "f.tfstate", state);
  return state;
}

}  // namespace

TEST_CASE("read_terraform_state, entry and instance members found in one pass among other keys") {
  const std::string text = R"({"version": 4, "resources": [
    {"zz": 1, "type": "aws_instance", "provider": "p", "name": "web", "mode": "managed", "module": "module.app",
     "aa": 2, "instances": [
      {"status": "tainted", "schema_version": 0, "private": "x", "index_key": 0, "dependencies": [],
       "attributes": {"id": "i-0"}, "attributes_flat": {"id": "flat"}, "sensitive_attributes":
         [[{"type": "get_attr", "value": "password"}]], "zz": true, "a": 1},
      {"index_key": 1, "attributes": {"id": "i-1"}},
      {"index_key": 2, "deposed": "d1", "attributes": {"id": "old"}},
      {"index_key": 3, "attributes_flat": {"id": "flat-3"}, "status": "ready"}
    ]},
    {"type": "aws_vpc", "name": "main", "instances": [{"index_key": "blue", "attributes": {"id": "v"}}]},
    {"mode": "data", "type": "aws_ami", "name": "ubuntu", "instances": [{"attributes": {}}]},
    {"mode": "managed", "type": "aws_eip", "name": "ip", "module": 7, "instances": [{"attributes": {}}]},
    {"mode": "managed", "type": "aws_s3_bucket", "name": "none"}
  ]})";
  const ActualState state = read(text);
  REQUIRE(state.resources.size() == 5);
  CHECK(state.deposed == 1);
  CHECK(state.data_sources == 1);
  const ActualResource& first = state.resources[0];
  CHECK(first.address == "module.app.aws_instance.web[0]");
  CHECK(first.module == "module.app");
  CHECK(first.tainted);
  CHECK(to_json(first.attributes) == json{{"id", "i-0"}});  // attributes before attributes_flat
  CHECK(first.sensitive == std::set<std::string>{"password"});
  CHECK(state.resources[1].address == "module.app.aws_instance.web[1]");
  CHECK_FALSE(state.resources[1].tainted);
  CHECK(state.resources[1].sensitive.empty());
  CHECK(state.resources[2].address == "module.app.aws_instance.web[3]");
  CHECK(to_json(state.resources[2].attributes) == json{{"id", "flat-3"}});
  CHECK_FALSE(state.resources[2].tainted);
  CHECK(state.resources[3].address == "aws_vpc.main[\"blue\"]");  // no mode: managed
  CHECK(state.resources[3].index == json("blue"));
  CHECK(state.resources[4].address == "aws_eip.ip");  // a module that is not a string: none
  CHECK(state.resources[4].module.empty());
}

TEST_CASE("read_terraform_state, a mode or status that is not a string fails as nlohmann's value()") {
  CHECK_THROWS_AS(
      read(R"({"version": 4, "resources": [{"mode": 1, "type": "t", "name": "n", "instances": []}]})"),
      json::type_error);
  CHECK_THROWS_AS(
      read(R"({"version": 4, "resources": [{"type": "t", "name": "n", "instances": [{"status": 1}]}]})"),
      json::type_error);
}
