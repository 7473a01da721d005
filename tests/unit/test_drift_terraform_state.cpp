// The Terraform state reader on every shape a real state holds, from the
// hand-written files in tests/drift/states/.

#include <doctest/doctest.h>

#include "dharma/drift/terraform_state.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

using namespace dharma;
using namespace dharma::drift;
using nlohmann::json;

namespace {

std::string fixture(const std::string& name) {
  return util::read_file(std::string(DHARMA_SOURCE_DIR) + "/tests/drift/states/" + name);
}

ActualState read(const std::string& name) {
  ActualState state;
  read_terraform_state(fixture(name), name, state);
  return state;
}

std::string error_of(const std::string& text, const std::string& source = "f.tfstate") {
  ActualState state;
  try {
    read_terraform_state(text, source, state);
  } catch (const util::Error& error) {
    CHECK(error.code() == util::ExitCode::invalid_input);
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("read_terraform_state, v4 shapes") {
  const ActualState state = read("v4_shapes.tfstate");
  std::vector<std::string> addresses;
  for (const auto& resource : state.resources) {
    addresses.emplace_back(resource.address);
  }
  CHECK(addresses == std::vector<std::string>{"aws_vpc.vpc", "aws_instance.web[0]", "aws_instance.web[1]",
                                              "aws_subnet.zone[\"a\"]", "aws_subnet.zone[\"b\"]",
                                              "module.db.aws_db_instance.main"});
  SUBCASE("data sources are counted, not kept") {
    CHECK(state.data_sources == 1);
  }
  SUBCASE("deposed objects are counted, the current one kept") {
    CHECK(state.deposed == 1);
    CHECK(to_json(state.find("module.db.aws_db_instance.main")->attributes)["id"] == "db-1");
  }
  SUBCASE("count and for_each index keys") {
    CHECK(state.find("aws_instance.web[0]")->index == json(0));
    CHECK(state.find("aws_subnet.zone[\"b\"]")->index == json("b"));
    CHECK(state.find("aws_subnet.zone[\"b\"]")->base_address() == "aws_subnet.zone");
  }
  SUBCASE("tainted") {
    CHECK_FALSE(state.find("aws_instance.web[0]")->tainted);
    CHECK(state.find("aws_instance.web[1]")->tainted);
  }
  SUBCASE("module address") {
    CHECK(state.find("module.db.aws_db_instance.main")->module == "module.db");
  }
  SUBCASE("sensitive_attributes") {
    CHECK(state.find("module.db.aws_db_instance.main")->sensitive == std::set<std::string>{"password"});
  }
  SUBCASE("nested blocks stay lists, nulls stay null") {
    CHECK(to_json(state.find("aws_instance.web[0]")->attributes)["root_block_device"][0]["volume_size"] == 8);
    CHECK(to_json(state.find("aws_vpc.vpc")->attributes)["ipv6_cidr_block"].is_null());
  }
}

TEST_CASE("read_terraform_state, attributes_flat of old states") {
  const ActualState state = read("v4_attributes_flat.tfstate");
  const json attributes = to_json(state.find("aws_security_group.web")->attributes);
  CHECK(attributes["tags"] == json({{"Name", "web"}, {"kubernetes.io/role", "elb"}}));
  CHECK(attributes["ingress"].size() == 1);
  CHECK(attributes["ingress"][0]["from_port"] == "443");
  CHECK(attributes["ingress"][0]["cidr_blocks"] == json::array({"0.0.0.0/0"}));
  CHECK(attributes["revoke_rules_on_delete"] == "false");
}

TEST_CASE("read_terraform_state, terraform show -json") {
  const ActualState state = read("show_json.json");
  REQUIRE(state.resources.size() == 3);
  CHECK(state.resources[0].address == "aws_vpc.vpc");
  CHECK(state.resources[1].address == "module.net.aws_subnet.a[0]");
  CHECK(state.resources[1].module == "module.net");
  CHECK(state.resources[2].address == "module.net.module.nat.aws_eip.nat[\"a\"]");
  CHECK(state.resources[2].sensitive == std::set<std::string>{"password"});
  CHECK(state.data_sources == 1);
}

TEST_CASE("read_terraform_state, refused inputs") {
  SUBCASE("version 3") {
    CHECK(error_of(fixture("v3.tfstate"))
              .find("f.tfstate: is a Terraform state of format version 3 (Terraform 0.11 "
                    "or older), which dharma does not read; upgrade it") == 0);
  }
  SUBCASE("version 5") {
    CHECK(error_of(R"({"version": 5, "resources": []})").find("newer than the version 4") !=
          std::string::npos);
  }
  SUBCASE("truncated JSON") {
    CHECK(error_of(fixture("truncated.tfstate")).find("f.tfstate: is not valid JSON (parse error") == 0);
  }
  SUBCASE("empty file") {
    CHECK(error_of("").find("is not valid JSON") != std::string::npos);
  }
  SUBCASE("a plan") {
    CHECK(error_of(fixture("plan.json")).find("is a Terraform plan") != std::string::npos);
  }
  SUBCASE("a Kubernetes List") {
    CHECK(error_of(fixture("k8s_list.json")) ==
          "f.tfstate: is a Kubernetes object (kind \"List\"), not a Terraform state; pass Kubernetes objects "
          "with --k8s");
  }
  SUBCASE("some other JSON") {
    CHECK(error_of(R"({"name": "x"})").find("f.tfstate: is JSON but not a Terraform state") == 0);
  }
  SUBCASE("a JSON list") {
    CHECK(error_of("[1, 2]").find("is a JSON array, not a Terraform state") != std::string::npos);
  }
  SUBCASE("a resource without a type") {
    CHECK(error_of(R"({"version": 4, "resources": [{"mode": "managed", "name": "x", "instances": []}]})") ==
          "f.tfstate: resources[0] has no 'type' string; the file is damaged or not a Terraform state");
  }
}

TEST_CASE("read_terraform_state, an address in two files") {
  ActualState state;
  read_terraform_state(fixture("collision_a.tfstate"), "a.tfstate", state);
  try {
    read_terraform_state(fixture("collision_b.tfstate"), "b.tfstate", state);
    FAIL("no error");
  } catch (const util::Error& error) {
    CHECK(std::string(error.what()) ==
          "b.tfstate: the address aws_vpc.vpc is already in a.tfstate; give each state file once, and states "
          "that do "
          "not overlap");
  }
}

TEST_CASE("read_terraform_state, a state with no resources key") {
  ActualState state;
  read_terraform_state(R"({"version": 4, "serial": 1})", "empty.tfstate", state);
  CHECK(state.resources.empty());
  CHECK(state.sources == std::vector<std::string>{"empty.tfstate"});
}
