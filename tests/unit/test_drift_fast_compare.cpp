// The comparer's fast path (value_compare.cpp, identical()) against the
// full comparison (CompareScope::fast off): the same changes, in the same
// order, with the same paths, values, severities and sensitivity. The
// desired values are every resource the renderer builds for the examples,
// the golden CLI cases and a generated blueprint (bench/gen_blueprint.py's
// mix), and hand-made values of every kind under the Terraform and the
// Kubernetes rules; the actual values are each desired one in sync (plus
// provider-computed attributes), then changed at every path in every way
// (another value of the same kind, another kind, the same text as a string,
// removed, an extra key or item, a list reordered, a block as a list of one),
// compared with templates evaluated (against a state that has none of the
// referenced resources: unknown) and with templates as literal text.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "blueprint_fixture.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/drift/desired_state.hpp"
#include "dharma/drift/template_value.hpp"
#include "dharma/drift/terraform_state.hpp"
#include "dharma/drift/value_compare.hpp"
#include "dharma/render/hcl_model.hpp"
#include "dharma/render/terraform_renderer.hpp"
#include "generated_blueprint.hpp"

using namespace dharma;
using namespace dharma::drift;
using nlohmann::json;

namespace {

DriftRules rules_from(const char* file) {
  util::Diagnostics diagnostics;
  auto rules = DriftRules::load(std::string(DHARMA_SOURCE_DIR) + "/templates/drift/" + file, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  return rules;
}

std::vector<Change> compared(const DriftRules& rules, const std::string& type, const Value& desired,
                             const Value& actual, const TemplateScope* templates, bool fast) {
  static const std::set<std::string> sensitive = {"password", "user_data"};
  std::vector<Change> changes;
  CompareScope scope{&rules, type, &sensitive, templates};
  scope.fast = fast;
  compare_attributes(desired, actual, scope, changes);
  return changes;
}

// Fast and full comparison of one pair, in both template modes; returns
// how many changes the full comparison found.
std::size_t check_pair(const DriftRules& rules, const std::string& type, const json& desired,
                       const json& actual) {
  static const ActualState empty_state;
  static const TemplateScope templates{&empty_state, std::nullopt};
  ValueArena arena;
  const Value d = from_json(desired, arena);
  const Value a = from_json(actual, arena);
  std::size_t found = 0;
  for (const TemplateScope* scope : {&templates, static_cast<const TemplateScope*>(nullptr)}) {
    const auto full = compared(rules, type, d, a, scope, false);
    const auto fast = compared(rules, type, d, a, scope, true);
    CAPTURE(type);
    CAPTURE(desired.dump());
    CAPTURE(actual.dump());
    REQUIRE(fast.size() == full.size());
    for (std::size_t i = 0; i < full.size(); ++i) {
      CHECK(fast[i].path == full[i].path);
      CHECK(fast[i].desired == full[i].desired);
      CHECK(fast[i].actual == full[i].actual);
      CHECK(fast[i].severity == full[i].severity);
      CHECK(fast[i].sensitive == full[i].sensitive);
    }
    found += full.size();
  }
  return found;
}

// Every position in `value` (its members and items, all the way down), as JSON pointers.
void positions(const json& value, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      out.push_back(at / key);
      positions(member, at / key, out);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      out.push_back(at / i);
      positions(value[i], at / i, out);
    }
  }
}

// What `value` may be changed into: another value of its kind, other kinds, its text as a string.
std::vector<json> replacements(const json& value) {
  std::vector<json> out = {nullptr,
                           json("drifted"),
                           json(7),
                           json(2.5),
                           json(true),
                           json::array({"x"}),
                           json::object({{"k", "v"}})};
  if (value.is_string()) {
    out.push_back(value.get<std::string>() + "-changed");
    out.push_back("");
  } else if (value.is_number_integer()) {
    out.push_back(value.get<long long>() + 1);
    out.push_back(std::to_string(value.get<long long>()));  // "3" against 3
  } else if (value.is_number_float()) {
    out.push_back(value.get<double>() * 2);
  } else if (value.is_boolean()) {
    out.push_back(!value.get<bool>());
    out.push_back(value.get<bool>() ? "true" : "false");
  } else if (value.is_array()) {
    json reversed = value;
    std::reverse(reversed.begin(), reversed.end());
    out.push_back(reversed);
    json longer = value;
    longer.push_back("extra");
    out.push_back(longer);
    out.push_back(json::array());
  } else if (value.is_object()) {
    json wider = value;
    wider["zz_extra"] = "added by hand";
    out.push_back(wider);
    out.push_back(json::array({value}));  // a block as the list of one Terraform states hold
    out.push_back(json::object());
  }
  return out;
}

// The in-sync actual of `desired` (with attributes the provider computes),
// then every change at every position; returns the changes found in all.
std::size_t check_mutations(const DriftRules& rules, const std::string& type, const json& desired) {
  json in_sync = desired;
  in_sync["id"] = "id-1";
  in_sync["arn"] = "arn:aws:x::id-1";
  in_sync["tags_all"] = json::object({{"k", "v"}});
  std::size_t found = check_pair(rules, type, desired, in_sync);
  std::vector<json::json_pointer> at;
  positions(desired, json::json_pointer(), at);
  for (const auto& pointer : at) {
    for (const auto& replacement : replacements(in_sync.at(pointer))) {
      json changed = in_sync;
      changed.at(pointer) = replacement;
      found += check_pair(rules, type, desired, changed);
    }
    json removed = in_sync;
    removed.at(pointer.parent_pointer()).is_object()
        ? static_cast<void>(removed.at(pointer.parent_pointer()).erase(pointer.back()))
        : static_cast<void>(removed.at(pointer.parent_pointer()).erase(std::stoul(pointer.back())));
    found += check_pair(rules, type, desired, removed);
  }
  return found;
}

}  // namespace

TEST_CASE("the fast comparison finds what the full one finds, on values of every kind") {
  const DriftRules terraform = rules_from("terraform.yaml");
  const DriftRules kubernetes = rules_from("kubernetes.yaml");
  const json every_kind = {
      {"name", "web"},
      {"count_like", 3},
      {"big", 18446744073709551615ULL},
      {"ratio", 0.25},
      {"enabled", false},
      {"nothing", nullptr},
      {"template", "${aws_vpc.vpc.id}"},
      {"escaped", "$${literal}"},
      {"tags", {{"project", "bench"}, {"owner", "team"}}},
      {"vpc_security_group_ids", {"sg-1", "sg-2", "sg-3"}},
      {"ingress",
       {{{"from_port", 443},
         {"to_port", 443},
         {"protocol", "tcp"},
         {"cidr_blocks", {"10.0.0.0/8", "0.0.0.0/0"}}},
        {{"from_port", 80}, {"to_port", 80}, {"protocol", "tcp"}, {"cidr_blocks", {"10.0.0.0/8"}}}}},
      {"root_block_device", {{"volume_size", 30}, {"encrypted", true}}},
      {"policy", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]})"},
      {"list_of_lists", {{1, 2}, {3}}},
      {"empty_list", json::array()},
      {"empty_object", json::object()},
      {"password", "secret"}};
  std::size_t found = 0;
  for (const char* type :
       {"aws_instance", "aws_security_group", "aws_s3_bucket_policy", "aws_unknown_type"}) {
    found += check_mutations(terraform, type, every_kind);
  }
  const json deployment = {
      {"apiVersion", "apps/v1"},
      {"kind", "Deployment"},
      {"metadata", {{"name", "web"}, {"namespace", "app"}, {"labels", {{"app", "web"}}}}},
      {"spec",
       {{"replicas", 2},
        {"selector", {{"matchLabels", {{"app", "web"}}}}},
        {"template",
         {{"metadata", {{"labels", {{"app", "web"}}}}},
          {"spec",
           {{"containers",
             {{{"name", "web"},
               {"image", "nginx:1.27"},
               {"resources",
                {{"limits", {{"cpu", "1000m"}, {"memory", "512Mi"}}}, {"requests", {{"cpu", 1}}}}}}}}}}}}}}};
  found += check_mutations(kubernetes, "Deployment", deployment);
  CHECK(found > 1000);  // the changes made are found (and found alike)
}

TEST_CASE("the fast comparison finds what the full one finds, on every rendered resource") {
  util::Diagnostics problems;
  const auto mappings = catalog::MappingCatalog::load(std::string(DHARMA_SOURCE_DIR) + "/templates",
                                                      &test::real_catalog(), problems);
  REQUIRE_FALSE(problems.has_errors());
  const DriftRules rules = rules_from("terraform.yaml");
  std::vector<std::pair<std::string, std::string>> blueprints = {{"generated", test::generated_blueprint(3)}};
  for (auto& file : test::example_and_golden_files()) {
    blueprints.push_back(std::move(file));
  }
  std::size_t resources = 0;
  std::size_t found = 0;
  bool generated = false;
  for (const auto& blueprint : blueprints) {
    const std::string& file = blueprint.first;  // not a structured binding: the lambda below captures it
    const std::string& text = blueprint.second;
    if (file != "generated" &&
        (std::filesystem::path(file).extension() != ".yaml" || file.find(".values.") != std::string::npos)) {
      continue;
    }
    CAPTURE(file);
    auto resolution = test::resolve_text(text);
    if (!resolution.resolved || resolution.diagnostics.has_errors()) {
      REQUIRE(file != "generated");
      continue;  // not a blueprint on its own (values, ignore files, bad input)
    }
    std::vector<std::string> owners;
    for (const auto& resource : resolution.resolved->resources) {
      owners.push_back(resource.name);
    }
    util::Diagnostics diagnostics;
    render::render_terraform_documents(*resolution.resolved, mappings, diagnostics,
                                       [&](const std::string& name, render::hcl::Document document) {
                                         if (name != "main.tf.json") {
                                           return;
                                         }
                                         for (const auto& resource : desired_resources(document, owners)) {
                                           found += check_mutations(rules, std::string(resource.type),
                                                                    to_json(resource.attributes));
                                           ++resources;
                                           generated = generated || file == "generated";
                                         }
                                       });
  }
  MESSAGE(resources << " rendered resources, " << found << " changes found alike");
  CHECK(generated);
  CHECK(resources >= 100);
  CHECK(found > 10000);
}

TEST_CASE("a jsonencode policy compared as a document finds what the full comparison finds") {
  const DriftRules rules = rules_from("terraform.yaml");
  ActualState state;
  read_terraform_state(R"({"version": 4, "resources": [
    {"mode": "managed", "type": "aws_s3_bucket", "name": "b", "instances": [{"attributes": {"id": "b", "arn": "arn:aws:s3:::b"}}]}
  ]})",
                       "t.tfstate", state);
  const std::string policy =
      R"(${jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", )"
      R"(Resource = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }] })})";
  const std::vector<json> actuals = {
      // the same document: Terraform's text, other key order and spacing, numbers as written
      R"({"Statement":[{"Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny","Principal":"*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}],"Version":"2012-10-17"})",
      R"({ "Version": "2012-10-17", "Statement": [ { "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Principal": "*", "Effect": "Deny", "Condition": {"Bool": {"aws:SecureTransport": "false"}}, "Action": "s3:*" } ] })",
      // another document, another order of a list, not JSON, not a string
      R"({"Statement":[{"Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Allow","Principal":"*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}],"Version":"2012-10-17"})",
      R"({"Statement":[{"Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}},"Effect":"Deny","Principal":"*","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b"]}],"Version":"2012-10-17"})",
      R"({"Statement": [)", "", 7, nullptr};
  TemplateCache cache;
  const TemplateScope uncached{&state, std::nullopt};
  const TemplateScope cached{&state, std::nullopt, nullptr, "", &cache};
  std::size_t found = 0;
  for (const auto* scope : {&uncached, &cached}) {
    for (const auto& actual : actuals) {
      ValueArena arena;
      const Value d = from_json(json{{"bucket", "b"}, {"policy", policy}}, arena);
      const Value a = from_json(json{{"bucket", "b"}, {"policy", actual}}, arena);
      const auto full = compared(rules, "aws_s3_bucket_policy", d, a, scope, false);
      const auto fast = compared(rules, "aws_s3_bucket_policy", d, a, scope, true);
      CAPTURE(actual.dump());
      REQUIRE(fast.size() == full.size());
      for (std::size_t i = 0; i < full.size(); ++i) {
        CHECK(fast[i].path == full[i].path);
        CHECK(fast[i].desired == full[i].desired);
        CHECK(fast[i].actual == full[i].actual);
        CHECK(fast[i].severity == full[i].severity);
      }
      found += full.size();
    }
  }
  CHECK(found == 2 * 6);  // in both scopes: two actual documents equal, six values that are not
}
