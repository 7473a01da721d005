// Resources wrapped in Terraform modules: the blueprint's module-free
// addresses match the one module resource of the same address, references
// resolve inside that module, and a match several modules could make is
// reported, not guessed. States are the hand-written files in
// tests/drift/states/.

#include <doctest/doctest.h>

#include "dharma/drift/desired_state.hpp"
#include "dharma/drift/differ.hpp"
#include "dharma/drift/terraform_state.hpp"
#include "dharma/render/hcl_model.hpp"
#include "dharma/util/file.hpp"

using namespace dharma;
using namespace dharma::drift;
using nlohmann::json;

namespace {

ActualState read_fixture(const std::string& name) {
  ActualState state;
  read_terraform_state(util::read_file(std::string(DHARMA_SOURCE_DIR) + "/tests/drift/states/" + name), name,
                       state);
  return state;
}

DriftRules terraform_rules() {
  util::Diagnostics diagnostics;
  auto rules =
      DriftRules::load(std::string(DHARMA_SOURCE_DIR) + "/templates/drift/terraform.yaml", diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  return rules;
}

std::vector<std::string> summary(const std::vector<ResourceFinding>& findings) {
  std::vector<std::string> lines;
  for (const auto& finding : findings) {
    lines.push_back(finding.address + " " + status_name(finding.status));
  }
  return lines;
}

const char* const k_rendered = R"({"resource": {
  "aws_vpc": {"vpc": {"cidr_block": "10.0.0.0/16"}},
  "aws_subnet": {"a": {"vpc_id": "${aws_vpc.vpc.id}", "cidr_block": "10.0.1.0/24"}},
  "aws_instance": {"web": {"count": 2, "instance_type": "t3.small", "subnet_id": "${aws_subnet.a.id}"}},
  "aws_eip": {"nat": {"count": "${var.n}", "domain": "vpc"}}
}})";

}  // namespace

TEST_CASE("diff_resources matches a blueprint rendered into a module") {
  const auto desired = desired_resources(json::parse(k_rendered), {"vpc", "a", "web", "nat"});
  const ActualState actual = read_fixture("module_wrapped.tfstate");
  const DriftRules rules = terraform_rules();
  std::vector<std::string> notes;
  const auto findings = diff_resources(desired, actual, rules, DiffOptions{}, &notes);
  // aws_vpc.vpc is at the root, so the root one is compared (and differs);
  // the module's vpc is then left over; everything else is found in module.app.
  CHECK(summary(findings) ==
        std::vector<std::string>{"aws_vpc.vpc changed", "module.app.aws_subnet.a in sync",
                                 "module.app.aws_instance.web[0] in sync",
                                 "module.app.aws_instance.web[1] changed",
                                 "module.app.aws_eip.nat[0] in sync", "module.app.aws_vpc.vpc unmanaged"});
  CHECK(notes.empty());
  SUBCASE("a reference resolves to the resource of the same module") {
    // subnet vpc_id is vpc-app (module.app.aws_vpc.vpc), not vpc-root.
    CHECK(findings[1].changes.empty());
  }
  SUBCASE("a change is reported at the module address with its path") {
    REQUIRE(findings[3].changes.size() == 1);
    CHECK(findings[3].changes[0].path == "instance_type");
    CHECK(findings[3].changes[0].actual == "t3.large");
  }
}

TEST_CASE("diff_resources reports an ambiguous module match instead of guessing") {
  const auto desired = desired_resources(json::parse(R"({"resource": {
    "aws_instance": {"web": {"instance_type": "t3.small"}},
    "aws_eip": {"nat": {"count": "${var.n}", "domain": "vpc"}}
  }})"),
                                         {"web", "nat"});
  const ActualState actual = read_fixture("module_ambiguous.tfstate");
  const DriftRules rules = terraform_rules();
  std::vector<std::string> notes;
  const auto findings = diff_resources(desired, actual, rules, DiffOptions{}, &notes);
  CHECK(summary(findings) == std::vector<std::string>{"aws_instance.web missing", "aws_eip.nat[*] missing",
                                                      "module.blue.aws_instance.web unmanaged",
                                                      "module.green.aws_instance.web unmanaged",
                                                      "module.blue.aws_eip.nat[0] unmanaged",
                                                      "module.green.aws_eip.nat[0] unmanaged"});
  REQUIRE(notes.size() == 2);
  CHECK(
      notes[0] ==
      "aws_instance.web is ambiguous: module.blue.aws_instance.web, module.green.aws_instance.web all match "
      "it; give the state of one module (or compare each module's blueprint on its own)");
  CHECK(notes[1].rfind("aws_eip.nat[*] is ambiguous: module.blue.aws_eip.nat[0], module.green.aws_eip.nat[0]",
                       0) == 0);
}
