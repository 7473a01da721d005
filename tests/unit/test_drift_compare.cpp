// The drift differ: template evaluation against the actual state, the
// normalisation rules, matching by address, and the ignore file.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "dharma/drift/desired_state.hpp"
#include "dharma/drift/differ.hpp"
#include "dharma/drift/ignore_file.hpp"
#include "dharma/drift/template_value.hpp"
#include "dharma/drift/terraform_state.hpp"
#include "dharma/drift/value_compare.hpp"
#include "dharma/render/hcl_model.hpp"

using namespace dharma;
using namespace dharma::drift;
using nlohmann::json;

namespace {

DriftRules shipped_rules() {
  util::Diagnostics diagnostics;
  auto rules =
      DriftRules::load(std::string(DHARMA_SOURCE_DIR) + "/templates/drift/terraform.yaml", diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  return rules;
}

ActualState state_of(const std::string& text) {
  ActualState state;
  read_terraform_state(text, "t.tfstate", state);
  return state;
}

std::vector<Change> changes(const std::string& type, const json& desired, const json& actual,
                            const ActualState* state = nullptr) {
  static const DriftRules rules = shipped_rules();
  std::vector<Change> found;
  const TemplateScope templates{state, std::nullopt};
  const json values = evaluate_rendered(desired, templates);
  compare_attributes(values, actual, CompareScope{&rules, type, nullptr}, found);
  // Evaluated where the comparison reaches each template (as the differ
  // does): the same changes, in the same order, as evaluated first.
  std::vector<Change> lazily;
  compare_attributes(desired, actual, CompareScope{&rules, type, nullptr, &templates}, lazily);
  // And without the fast path (identical values passed over): the same again.
  std::vector<Change> full;
  CompareScope full_scope{&rules, type, nullptr, &templates};
  full_scope.fast = false;
  compare_attributes(desired, actual, full_scope, full);
  for (const auto* other : {&lazily, &full}) {
    REQUIRE(other->size() == found.size());
    for (std::size_t i = 0; i < found.size(); ++i) {
      CHECK((*other)[i].path == found[i].path);
      CHECK((*other)[i].desired == found[i].desired);
      CHECK((*other)[i].actual == found[i].actual);
      CHECK((*other)[i].severity == found[i].severity);
      CHECK((*other)[i].sensitive == found[i].sensitive);
    }
  }
  return found;
}

std::vector<std::string> paths(const std::vector<Change>& found) {
  std::vector<std::string> names;
  for (const auto& change : found) {
    names.push_back(change.path);
  }
  return names;
}

const char* const k_state = R"({"version": 4, "resources": [
  {"mode": "managed", "type": "aws_vpc", "name": "vpc", "instances": [{"attributes": {"id": "vpc-1", "arn": "arn:vpc"}}]},
  {"mode": "managed", "type": "aws_s3_bucket", "name": "b", "instances": [{"attributes": {"id": "b", "arn": "arn:aws:s3:::b"}}]},
  {"mode": "managed", "type": "aws_instance", "name": "web", "instances": [
    {"index_key": 0, "attributes": {"id": "i-0"}}, {"index_key": 1, "attributes": {"id": "i-1"}}]}
]})";

}  // namespace

TEST_CASE("evaluate_rendered, templates against the actual state") {
  const ActualState state = state_of(k_state);
  auto eval = [&](const std::string& text, std::optional<long long> index = std::nullopt) {
    return evaluate_rendered(json(text), TemplateScope{&state, index});
  };
  CHECK(eval("plain") == "plain");
  CHECK(eval("${aws_vpc.vpc.id}") == "vpc-1");
  CHECK(eval("${aws_s3_bucket.b.arn}/*") == "arn:aws:s3:::b/*");
  CHECK(eval("${aws_instance.web[1].id}") == "i-1");
  CHECK(eval("${aws_instance.web[count.index].id}", 0) == "i-0");
  CHECK(eval("$${literal}") == "${literal}");
  CHECK(
      json::parse(
          eval(
              R"(${jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Resource = "${aws_s3_bucket.b.arn}/*", Max = 3 }] })})")
              .get<std::string>()) ==
      json::parse(
          R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "arn:aws:s3:::b/*", "Max": 3}]})"));
  SUBCASE("what only Terraform knows is unknown") {
    CHECK(is_unknown(eval("${var.db_password}")));
    CHECK(is_unknown(eval("${aws_nat_gateway.gone.id}")));
    CHECK(is_unknown(eval("${aws_instance.web[*].id}")));
    CHECK(is_unknown(eval("${cidrsubnet(var.cidr, 8, 1)}")));
    CHECK(is_unknown(eval("${a == b ? 1 : 2}")));
    CHECK(is_unknown(eval("prefix-${var.x}")));
    CHECK(is_unknown(eval("${jsonencode({ a = var.x })}")));
  }
}

TEST_CASE("compare_attributes, normalisation") {
  SUBCASE("equal values, stated attributes only") {
    CHECK(changes("aws_vpc", {{"cidr_block", "10.0.0.0/16"}},
                  {{"cidr_block", "10.0.0.0/16"}, {"enable_classiclink", false}, {"id", "vpc-1"}})
              .empty());
  }
  SUBCASE("a changed scalar") {
    const auto found =
        changes("aws_db_instance", {{"instance_class", "db.t3.medium"}}, {{"instance_class", "db.m5.large"}});
    REQUIRE(found.size() == 1);
    CHECK(found[0].path == "instance_class");
    CHECK(found[0].desired == "db.t3.medium");
    CHECK(found[0].actual == "db.m5.large");
    CHECK(found[0].severity == Severity::medium);
  }
  SUBCASE("\"3\" equals 3, \"true\" equals true") {
    CHECK(changes("aws_autoscaling_group", {{"min_size", 3}, {"force", true}},
                  {{"min_size", "3"}, {"force", "true"}})
              .empty());
    CHECK(paths(changes("aws_autoscaling_group", {{"min_size", 3}}, {{"min_size", "4"}})) ==
          std::vector<std::string>{"min_size"});
  }
  SUBCASE("tags compare as maps: order does not matter, an added tag does") {
    CHECK(changes("aws_vpc", {{"tags", {{"a", "1"}, {"b", "2"}}}}, {{"tags", {{"b", "2"}, {"a", "1"}}}})
              .empty());
    const auto found =
        changes("aws_vpc", {{"tags", {{"a", "1"}}}}, {{"tags", {{"a", "1"}, {"owner", "ops"}}}});
    CHECK(paths(found) == std::vector<std::string>{"tags.owner"});
    CHECK(found[0].severity == Severity::low);
  }
  SUBCASE("tags_all and id are computed") {
    CHECK(changes("aws_vpc", {{"tags_all", {{"a", "1"}}}, {"id", "x"}},
                  {{"tags_all", {{"b", "2"}}}, {"id", "y"}})
              .empty());
  }
  SUBCASE("sets compare unordered, lists ordered") {
    const json desired = {
        {"ingress", json::array({{{"from_port", 443}, {"cidr_blocks", {"10.0.0.0/8", "0.0.0.0/0"}}},
                                 {{"from_port", 80}, {"cidr_blocks", {"0.0.0.0/0"}}}})}};
    const json actual = {
        {"ingress",
         json::array({{{"from_port", 80}, {"to_port", 80}, {"self", false}, {"cidr_blocks", {"0.0.0.0/0"}}},
                      {{"from_port", 443},
                       {"to_port", 443},
                       {"self", false},
                       {"cidr_blocks", {"0.0.0.0/0", "10.0.0.0/8"}}}})}};
    CHECK(changes("aws_security_group", desired, actual).empty());
    json opened = actual;
    opened["ingress"][0]["cidr_blocks"] = {"0.0.0.0/0", "203.0.113.0/24"};
    const auto found = changes("aws_security_group", desired, opened);
    CHECK(paths(found) == std::vector<std::string>{"ingress"});
    CHECK(found[0].severity == Severity::critical);
    CHECK(paths(changes("aws_launch_template", {{"names", {"a", "b"}}}, {{"names", {"b", "a"}}})) ==
          std::vector<std::string>{"names[0]", "names[1]"});
  }
  SUBCASE("changes deep in lists and maps are shown at their own paths, rated by the paths' rules") {
    const json desired = {{"instance_type", "t3.small"},
                          {"blocks", json::array({{{"size", 10}, {"labels", {{"a", "1"}}}}, {{"size", 20}}})},
                          {"tags", {{"a", "1"}}}};
    const json actual = {
        {"instance_type", "t3.large"},
        {"blocks", json::array({{{"size", 10}, {"labels", {{"a", "1"}, {"b", "2"}}}}, {{"size", 30}}})},
        {"tags", {{"a", "1"}, {"owner", "ops"}}}};
    const auto found = changes("aws_instance", desired, actual);
    CHECK(paths(found) ==
          std::vector<std::string>{"blocks[0].labels.b", "blocks[1].size", "instance_type", "tags.owner"});
    REQUIRE(found.size() == 4);
    CHECK(found[0].severity == Severity::medium);
    CHECK(found[1].severity == Severity::medium);
    CHECK(found[3].severity == Severity::low);
  }
  SUBCASE("a single block written as an object against the state's one-element list") {
    CHECK(changes("aws_route_table", {{"route", {{"cidr_block", "0.0.0.0/0"}}}},
                  {{"route", json::array({{{"cidr_block", "0.0.0.0/0"}, {"ipv6_cidr_block", ""}}})}})
              .empty());
    CHECK(paths(changes("aws_route_table", {{"route", {{"cidr_block", "0.0.0.0/0"}}}},
                        {{"route", json::array({{{"cidr_block", "10.0.0.0/8"}}})}})) ==
          std::vector<std::string>{"route.cidr_block"});
  }
  SUBCASE("JSON in strings compares as JSON") {
    CHECK(changes("aws_iam_role_policy", {{"policy", R"({"Version":"2012-10-17","Statement":[]})"}},
                  {{"policy", "{\n  \"Statement\": [],\n  \"Version\": \"2012-10-17\"\n}"}})
              .empty());
    CHECK(paths(changes("aws_iam_role_policy", {{"policy", R"({"Statement":[]})"}},
                        {{"policy", R"({"Statement":[{"Effect":"Allow"}]})"}})) ==
          std::vector<std::string>{"policy"});
    CHECK(paths(changes("aws_lb", {{"name", R"({"a":1})"}}, {{"name", R"({ "a": 1 })"}})) ==
          std::vector<std::string>{"name"});  // not declared JSON: compared as text
  }
  SUBCASE("quantities where the rules say so") {
    const std::string cpu = "spec.template.spec.container.resources.limits.cpu";
    const json desired = {
        {"spec",
         {{"template",
           {{"spec",
             {{"container", {{"resources", {{"limits", {{"cpu", "1000m"}, {"memory", "512Mi"}}}}}}}}}}}}}};
    const json actual = {
        {"spec",
         {{"template",
           {{"spec",
             {{"container", {{"resources", {{"limits", {{"cpu", "1"}, {"memory", 536870912}}}}}}}}}}}}}};
    CHECK(changes("kubernetes_deployment", desired, actual).empty());
    long double value = 0;
    CHECK(parse_quantity("1.5Gi", value));
    CHECK(value == 1.5L * 1073741824.0L);
    CHECK_FALSE(parse_quantity("fast", value));
  }
  SUBCASE("absent in the state equals an empty desired value, not a set one") {
    CHECK(changes("aws_vpc", {{"names", json::array()}, {"flag", false}}, json::object()).empty());
    CHECK(paths(changes("aws_vpc", {{"cidr_block", "10.0.0.0/16"}}, json::object())) ==
          std::vector<std::string>{"cidr_block"});
  }
  SUBCASE("a reference compares with the referenced object's value") {
    const ActualState state = state_of(k_state);
    CHECK(changes("aws_subnet", {{"vpc_id", "${aws_vpc.vpc.id}"}}, {{"vpc_id", "vpc-1"}}, &state).empty());
    CHECK(paths(changes("aws_subnet", {{"vpc_id", "${aws_vpc.vpc.id}"}}, {{"vpc_id", "vpc-other"}},
                        &state)) == std::vector<std::string>{"vpc_id"});
    CHECK(changes("aws_subnet", {{"vpc_id", "${var.vpc}"}}, {{"vpc_id", "vpc-other"}}, &state).empty());
  }
  SUBCASE("references inside sets, lists and maps are evaluated before a change shows them") {
    const ActualState state = state_of(k_state);
    const json ingress = {
        {"ingress", json::array({{{"from_port", 443}, {"description", "${aws_vpc.vpc.arn}"}},
                                 {{"from_port", 80}, {"description", "web"}}})}};
    const json actual = {{"ingress", json::array({{{"from_port", 80}, {"description", "web"}},
                                                  {{"from_port", 443}, {"description", "arn:vpc"}}})}};
    CHECK(changes("aws_security_group", ingress, actual, &state).empty());
    const auto grown = changes("aws_instance", {{"vpc_security_group_ids", {"${aws_vpc.vpc.id}", "sg-2"}}},
                               {{"vpc_security_group_ids", {"sg-2"}}}, &state);
    REQUIRE(grown.size() == 1);
    CHECK(grown[0].desired == json({"vpc-1", "sg-2"}));
    const auto tagged = changes("aws_vpc", {{"tags", {{"arn", "${aws_s3_bucket.b.arn}"}}}},
                                {{"tags", {{"arn", "arn:other"}}}}, &state);
    REQUIRE(tagged.size() == 1);
    CHECK(tagged[0].path == "tags.arn");
    CHECK(tagged[0].desired == "arn:aws:s3:::b");
  }
}

TEST_CASE("desired_resources and diff_resources") {
  const auto rendered = json::parse(R"({"resource": {
    "aws_vpc": {"vpc": {"cidr_block": "10.0.0.0/16", "tags": {"a": "1"}}},
    "aws_instance": {"web": {"count": 2, "depends_on": ["aws_vpc.vpc"], "instance_type": "t3.small"}},
    "aws_subnet": {"web_a": {"vpc_id": "${aws_vpc.vpc.id}"}},
    "aws_eip": {"nat": {"count": "${var.n}", "domain": "vpc"}}
  }})");
  const auto desired = desired_resources(rendered, {"vpc", "web", "nat"});
  REQUIRE(desired.size() == 5);
  CHECK(desired[1].address == "aws_instance.web[0]");
  CHECK_FALSE(to_json(desired[1].attributes).contains("depends_on"));
  CHECK_FALSE(to_json(desired[1].attributes).contains("count"));
  CHECK(to_json(desired[1].attributes) == json({{"instance_type", "t3.small"}}));
  CHECK(to_json(desired[2].attributes) == to_json(desired[1].attributes));
  CHECK(desired[3].blueprint_resource == "web");
  CHECK(desired[4].any_index);

  const ActualState actual = state_of(R"({"version": 4, "resources": [
    {"mode": "managed", "type": "aws_vpc", "name": "vpc", "instances": [{"attributes": {"id": "vpc-1", "cidr_block": "10.0.0.0/16", "tags": {"a": "1"}}}]},
    {"mode": "managed", "type": "aws_instance", "name": "web", "instances": [
      {"index_key": 0, "attributes": {"instance_type": "t3.small"}},
      {"index_key": 2, "attributes": {"instance_type": "t3.small"}}]},
    {"mode": "managed", "type": "aws_subnet", "name": "web_a", "instances": [{"attributes": {"vpc_id": "vpc-2"}}]},
    {"mode": "managed", "type": "aws_eip", "name": "nat", "instances": [{"index_key": 0, "attributes": {"domain": "vpc"}}, {"index_key": 1, "attributes": {"domain": "standard"}}]}
  ]})");
  const DriftRules rules = shipped_rules();
  DiffOptions options;
  options.locations["web"] = {"bp.yaml", 12, 5};
  const auto findings = diff_resources(desired, actual, rules, options);
  std::vector<std::string> summary;
  for (const auto& finding : findings) {
    summary.push_back(finding.address + " " + status_name(finding.status));
  }
  CHECK(summary == std::vector<std::string>{"aws_vpc.vpc in sync", "aws_instance.web[0] in sync",
                                            "aws_instance.web[1] missing", "aws_subnet.web_a changed",
                                            "aws_eip.nat[0] in sync", "aws_eip.nat[1] changed",
                                            "aws_instance.web[2] unmanaged"});
  CHECK(findings[2].location.line == 12);
  CHECK(findings[2].severity == Severity::high);
  options.only_managed = true;
  CHECK(diff_resources(desired, actual, rules, options).size() == 6);
}

TEST_CASE(
    "diff_resources: findings in sync are only counted when asked; tainted ones and count instances stay") {
  const auto rendered = json::parse(R"({"resource": {
    "aws_vpc": {"vpc": {"cidr_block": "10.0.0.0/16"}},
    "aws_subnet": {"a": {"cidr_block": "10.0.1.0/24"}},
    "aws_instance": {"web": {"count": 1, "instance_type": "t3.small"}},
    "aws_s3_bucket": {"logs": {"bucket": "logs"}}
  }})");
  const auto desired = desired_resources(rendered, {"vpc", "a", "web", "logs"});
  const ActualState actual = state_of(R"({"version": 4, "resources": [
    {"mode": "managed", "type": "aws_vpc", "name": "vpc", "instances": [{"attributes": {"cidr_block": "10.0.0.0/16"}}]},
    {"mode": "managed", "type": "aws_subnet", "name": "a", "instances": [{"status": "tainted", "attributes": {"cidr_block": "10.0.1.0/24"}}]},
    {"mode": "managed", "type": "aws_instance", "name": "web", "instances": [{"index_key": 0, "attributes": {"instance_type": "t3.small"}}]},
    {"mode": "managed", "type": "aws_s3_bucket", "name": "logs", "instances": [{"attributes": {"bucket": "other"}}]}
  ]})");
  const DriftRules rules = shipped_rules();
  const DiffOptions options;
  DriftReport report;
  report.resources = diff_resources(desired, actual, rules, options, nullptr, &report.in_sync_unlisted);
  std::vector<std::string> kept;
  for (const auto& finding : report.resources) {
    kept.push_back(finding.address + " " + status_name(finding.status));
  }
  CHECK(kept == std::vector<std::string>{"aws_subnet.a in sync", "aws_instance.web[0] in sync",
                                         "aws_s3_bucket.logs changed"});
  CHECK(report.in_sync_unlisted == 1);  // aws_vpc.vpc
  CHECK(report.count(Status::in_sync) == 3);
  CHECK(report.total() == 4);
  // Without the counter every finding is kept, in the same order.
  CHECK(diff_resources(desired, actual, rules, options).size() == 4);
}

TEST_CASE("read_ignore_file and apply_ignores") {
  const auto dir = std::filesystem::temp_directory_path() / "dharma-drift-ignore-test";
  std::filesystem::create_directories(dir);
  const auto write = [&](const std::string& text) {
    std::ofstream(dir / "ignore.yaml") << text;
    return (dir / "ignore.yaml").string();
  };
  DriftReport report;
  ResourceFinding changed;
  changed.address = "aws_autoscaling_group.web";
  changed.status = Status::changed;
  changed.changes = {Change{"desired_capacity", 2, 5, Severity::low, false},
                     Change{"max_size", 4, 8, Severity::medium, false}};
  ResourceFinding unmanaged;
  unmanaged.address = "aws_instance.debug";
  unmanaged.status = Status::unmanaged;
  report.resources = {changed, unmanaged};

  SUBCASE("an entry hides exactly its path; a whole-resource entry its resource") {
    util::Diagnostics diagnostics;
    const auto entries = read_ignore_file(write("ignore:\n"
                                                "  - address: aws_autoscaling_group.*\n"
                                                "    path: desired_capacity\n"
                                                "    reason: the autoscaler sets it\n"
                                                "  - address: aws_instance.debug\n"
                                                "    reason: debugging box, deleted on Friday\n"
                                                "    expires: 2999-01-01\n"),
                                          diagnostics);
    REQUIRE_FALSE(diagnostics.has_errors());
    apply_ignores(entries, "2026-12-02", report);
    CHECK(report.resources[0].status == Status::changed);
    CHECK(paths(report.resources[0].changes) == std::vector<std::string>{"max_size"});
    CHECK(report.resources[1].status == Status::in_sync);
    CHECK(report.ignored.size() == 2);
    CHECK(report.ignored[0].path == "desired_capacity");
    CHECK(report.notes.empty());
  }
  SUBCASE("an expired entry hides nothing and says so") {
    util::Diagnostics diagnostics;
    const auto entries = read_ignore_file(write("ignore:\n"
                                                "  - address: aws_instance.debug\n"
                                                "    reason: debugging box\n"
                                                "    expires: 2026-11-30\n"),
                                          diagnostics);
    apply_ignores(entries, "2026-12-02", report);
    CHECK(report.resources[1].status == Status::unmanaged);
    CHECK(report.ignored.empty());
    REQUIRE(report.notes.size() == 1);
    CHECK(report.notes[0].find("expired on 2026-11-30 and no longer hides drift") != std::string::npos);
  }
  SUBCASE("reason required and not TODO; dates checked; keys checked") {
    util::Diagnostics diagnostics;
    read_ignore_file(write("ignore:\n"
                           "  - address: a.b\n"
                           "  - address: c.d\n"
                           "    reason: TODO\n"
                           "  - address: e.f\n"
                           "    reason: ok\n"
                           "    expires: 2026-02-30\n"
                           "    pth: x\n"),
                     diagnostics);
    CHECK(diagnostics.error_count() == 4);
  }
  SUBCASE("--write-ignore's file is refused until each TODO is replaced") {
    const std::string text = ignore_file_for(report);
    CHECK(text.find(
              "  - address: 'aws_autoscaling_group.web'\n    path: 'desired_capacity'\n    reason: TODO\n") !=
          std::string::npos);
    util::Diagnostics diagnostics;
    const auto entries = read_ignore_file(write(text), diagnostics);
    CHECK(diagnostics.error_count() == 3);
    CHECK(entries.size() == 3);
  }
  std::filesystem::remove_all(dir);
}
