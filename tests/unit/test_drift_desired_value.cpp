// drift::body_to_value (drift's desired values, built straight from the
// renderer's HCL model) against hcl::body_to_json (what main.tf.json
// holds): for every block of every model the renderer builds for each
// example and each golden CLI case, and for hand-made bodies that take the
// writer's corner cases, both give the same JSON through drift::to_json.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "blueprint_fixture.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/drift/desired_state.hpp"
#include "dharma/drift/desired_value.hpp"
#include "dharma/drift/value.hpp"
#include "dharma/render/hcl_json.hpp"
#include "dharma/render/terraform_renderer.hpp"
#include "generated_blueprint.hpp"

using namespace dharma;
using render::hcl::Block;
using render::hcl::Body;
using render::hcl::Expression;

namespace {

// Checks one body and every block nested in it; returns how many bodies.
std::size_t check_body(const Body& body) {
  drift::ValueArena arena;
  const nlohmann::json expected = render::hcl::body_to_json(body);
  CHECK(drift::to_json(drift::body_to_value(body, arena)) == expected);
  std::size_t bodies = 1;
  for (const auto& item : body.items) {
    if (const auto* block = std::get_if<Block>(&item)) {
      bodies += check_body(block->body);
    }
  }
  return bodies;
}

}  // namespace

TEST_CASE("body_to_value equals body_to_json for every rendered example and golden case") {
  util::Diagnostics problems;
  const auto mappings = catalog::MappingCatalog::load(std::string(DHARMA_SOURCE_DIR) + "/templates",
                                                      &test::real_catalog(), problems);
  REQUIRE_FALSE(problems.has_errors());
  std::size_t rendered = 0;
  std::size_t bodies = 0;
  for (const auto& [path, text] : test::example_and_golden_files()) {
    const std::filesystem::path file(path);
    if (file.extension() != ".yaml" || path.find(".values.") != std::string::npos) {
      continue;
    }
    CAPTURE(path);
    auto resolution = test::resolve_text(text);
    if (!resolution.resolved || resolution.diagnostics.has_errors()) {
      continue;  // not a blueprint on its own (values, ignore files, bad input)
    }
    util::Diagnostics diagnostics;
    std::size_t blocks = 0;
    render::render_terraform_documents(*resolution.resolved, mappings, diagnostics,
                                       [&](const std::string&, render::hcl::Document document) {
                                         for (const auto& block : document.blocks) {
                                           bodies += check_body(block.body);
                                           ++blocks;
                                         }
                                       });
    rendered += blocks > 0 ? 1 : 0;
  }
  MESSAGE(rendered << " blueprints rendered, " << bodies << " bodies compared");
  CHECK(rendered >= 10);  // the four examples and the golden cases with Terraform
  CHECK(bodies >= 200);
}

TEST_CASE("body_to_value equals body_to_json on the JSON writer's corner cases") {
  Body body;
  body.attribute("name", Expression::from_string("web ${literal} %{x}"));
  body.attribute("name", Expression::from_string("given twice: the last wins"));
  body.attribute("raw", Expression::from_raw("aws_vpc.vpc.id"));
  body.attribute("call", Expression::from_call(
                             "jsonencode", {Expression::from_object({{"a", Expression::from_integer(1)}})}));
  body.attribute("keyword", Expression::from_keyword("string"));
  // Escapes at the ends and next to each other, and lone $ and %.
  body.attribute("escapes",
                 Expression::from_list({Expression::from_string("${a}"), Expression::from_string("%{"),
                                        Expression::from_string("$${b}%%{c}"), Expression::from_string("x$"),
                                        Expression::from_string("%"), Expression::from_string("${${}}"),
                                        Expression::from_string("$ { %{ $")}));
  body.attribute("template", Expression::from_template(
                                 {{"arn:", false}, {"aws_s3_bucket.b.arn", true}, {"/${x}", false}}));
  body.attribute("numbers",
                 Expression::from_list({Expression::from_integer(9007199254740993LL),
                                        Expression::from_number(1.5), Expression::from_number(1e-310),
                                        Expression::from_bool(false), Expression::null_value()}));
  body.attribute("object", Expression::from_object({{"b", Expression::from_integer(2)},
                                                    {"${key}", Expression::from_string("x")},
                                                    {"b", Expression::from_integer(3)},
                                                    {"a", Expression::from_list({})}}));
  body.attribute("empty", Expression::from_object({}));
  body.separator();
  body.block("ingress").body.attribute("from_port", Expression::from_integer(443));
  body.block("egress").body.attribute("to_port", Expression::from_integer(0));
  body.block("ingress").body.attribute("from_port", Expression::from_integer(80));
  body.block("ingress");
  body.block("lifecycle")
      .body.attribute("ignore_changes", Expression::from_list({Expression::from_keyword("tags")}));
  check_body(body);

  SUBCASE("a labelled block inside a body") {
    Body labelled = body;
    labelled.block("dynamic", {"setting"}).body.attribute("for_each", Expression::from_raw("var.s"));
    labelled.block("dynamic", {"other"}).body.attribute("for_each", Expression::from_raw("var.o"));
    check_body(labelled);
  }
  SUBCASE("an attribute and a block of one name") {
    Body both;
    both.attribute("rule", Expression::from_list({Expression::from_integer(1)}));
    both.block("rule").body.attribute("x", Expression::from_integer(2));
    both.attribute("tags", Expression::from_object({{"a", Expression::from_string("1")}}));
    both.block("tags").body.attribute("b", Expression::from_string("2"));
    check_body(both);
  }
  SUBCASE("a name that is not an identifier: the same error") {
    Body bad;
    bad.attribute("not an identifier", Expression::from_integer(1));
    drift::ValueArena arena;
    CHECK_THROWS_WITH(drift::body_to_value(bad, arena), doctest::Contains("not an identifier"));
    CHECK_THROWS(render::hcl::body_to_json(bad));
  }
}

TEST_CASE("desired_resources from the model equals it from main.tf.json when a label is given twice") {
  render::hcl::Document model;
  model.block("resource", {"aws_vpc", "vpc"})
      .body.attribute("cidr_block", Expression::from_string("10.0.0.0/16"));
  auto& web = model.block("resource", {"aws_instance", "web"}).body;
  web.attribute("count", Expression::from_integer(2));
  web.attribute("ami", Expression::from_string("ami-1"));
  model.block("data", {"aws_ami", "web"}).body.attribute("most_recent", Expression::from_bool(true));
  model.block("resource", {"aws_vpc", "vpc"})
      .body.attribute("cidr_block", Expression::from_string("10.1.0.0/16"));
  model.block("resource", {"aws_s3_bucket", "shared"}).body.attribute("bucket", Expression::from_string("b"));
  const std::vector<std::string> owners = {"vpc", "web"};
  const auto from_model = drift::desired_resources(model, owners);
  const auto from_file = drift::desired_resources(nlohmann::json(render::hcl::to_json(model)), owners);
  REQUIRE(from_model.size() == 4);  // the second aws_vpc.vpc replaces the first; web has two instances
  REQUIRE(from_file.size() == from_model.size());
  for (std::size_t i = 0; i < from_model.size(); ++i) {
    CHECK(from_model[i].address == from_file[i].address);
    CHECK(from_model[i].blueprint_resource == from_file[i].blueprint_resource);
    CHECK(from_model[i].index == from_file[i].index);
    CHECK(drift::to_json(from_model[i].attributes) == drift::to_json(from_file[i].attributes));
  }
  CHECK(from_model[1].address == "aws_vpc.vpc");
  CHECK(drift::to_json(from_model[1].attributes) == nlohmann::json{{"cidr_block", "10.1.0.0/16"}});
  CHECK(from_model[2].address == "aws_instance.web[0]");
}
