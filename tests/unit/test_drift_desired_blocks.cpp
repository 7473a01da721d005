// drift::DesiredBlocks (desired resources from main.tf.json handed over
// block by block as the renderer builds it, what `dharma drift` reads)
// against drift::desired_resources over the renderer's whole model: the same
// resources, in the same order, with the same values, for every example,
// every golden CLI case and a generated blueprint, and for hand-made models
// where a type and label is given twice or a shared block meets another.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "blueprint_fixture.hpp"
#include "dharma/drift/desired_state.hpp"
#include "dharma/drift/value.hpp"
#include "dharma/render/hcl_model.hpp"
#include "dharma/render/terraform_renderer.hpp"
#include "generated_blueprint.hpp"

using namespace dharma;
using render::hcl::Expression;

namespace {

void check_same(const std::vector<drift::DesiredResource>& streamed,
                const std::vector<drift::DesiredResource>& whole) {
  REQUIRE(streamed.size() == whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    CAPTURE(whole[i].address);
    CHECK(streamed[i].address == whole[i].address);
    CHECK(streamed[i].type == whole[i].type);
    CHECK(streamed[i].name == whole[i].name);
    CHECK(streamed[i].index == whole[i].index);
    CHECK(streamed[i].any_index == whole[i].any_index);
    CHECK(streamed[i].blueprint_resource == whole[i].blueprint_resource);
    CHECK(drift::to_json(streamed[i].attributes) == drift::to_json(whole[i].attributes));
  }
}

// The model's blocks handed over one by one; the first `shared` ones are the
// provider's shared blocks, which the renderer hands over last.
std::vector<drift::DesiredResource> streamed(const render::hcl::Document& model,
                                             const std::vector<std::string>& owners, std::size_t shared = 0) {
  drift::DesiredBlocks blocks(owners);
  for (std::size_t i = shared; i < model.blocks.size(); ++i) {
    blocks.add(model.blocks[i], false);
  }
  for (std::size_t i = 0; i < shared; ++i) {
    blocks.add(model.blocks[i], true);
  }
  return blocks.take();
}

}  // namespace

TEST_CASE(
    "desired resources from the streamed blocks equal those from the whole model, for every blueprint") {
  const auto& mappings = test::real_mappings();
  std::vector<std::pair<std::string, std::string>> blueprints = {{"generated", test::generated_blueprint(4)}};
  for (auto& file : test::example_and_golden_files()) {
    blueprints.push_back(std::move(file));
  }
  std::size_t rendered = 0;
  std::size_t resources = 0;
  std::size_t with_shared = 0;
  for (const auto& blueprint : blueprints) {
    const std::string& file = blueprint.first;
    if (file != "generated" &&
        (std::filesystem::path(file).extension() != ".yaml" || file.find(".values.") != std::string::npos)) {
      continue;
    }
    CAPTURE(file);
    auto resolution = test::resolve_text(blueprint.second);
    if (!resolution.resolved || resolution.diagnostics.has_errors()) {
      REQUIRE(file != "generated");
      continue;  // not a blueprint on its own (values, ignore files, bad input)
    }
    std::vector<std::string> owners;
    for (const auto& resource : resolution.resolved->resources) {
      owners.push_back(resource.name);
    }
    util::Diagnostics whole_diagnostics;
    render::hcl::Document model;
    bool has_main = false;
    render::render_terraform_documents(*resolution.resolved, mappings, whole_diagnostics,
                                       [&](const std::string& name, render::hcl::Document document) {
                                         if (name == "main.tf.json") {
                                           model = std::move(document);
                                           has_main = true;
                                         }
                                       });
    util::Diagnostics diagnostics;
    drift::DesiredBlocks blocks(owners);
    std::size_t handed = 0;
    std::size_t shared = 0;
    bool main_whole = false;
    const render::BlockSink sink = [&](const render::hcl::Block& block, bool is_shared) {
      blocks.add(block, is_shared);
      ++handed;
      shared += is_shared ? 1 : 0;
    };
    render::render_terraform_documents(
        *resolution.resolved, mappings, diagnostics,
        [&](const std::string& name, render::hcl::Document) {
          main_whole = main_whole || name == "main.tf.json";
        },
        &sink);
    CHECK_FALSE(main_whole);  // with a block sink, main.tf.json never comes whole
    CHECK(diagnostics.error_count() == whole_diagnostics.error_count());
    if (whole_diagnostics.has_errors() || !has_main) {
      continue;
    }
    CHECK(handed == model.blocks.size());
    const auto whole = drift::desired_resources(model, owners);
    check_same(blocks.take(), whole);
    rendered += 1;
    resources += whole.size();
    with_shared += shared > 0 ? 1 : 0;
  }
  MESSAGE(rendered << " blueprints rendered, " << resources << " desired resources compared, " << with_shared
                   << " with shared blocks");
  CHECK(rendered >= 10);  // the examples, the generated blueprint and the golden cases with Terraform
  CHECK(resources >= 100);
}

TEST_CASE("streamed desired resources keep the last block of a type and label, as the whole model does") {
  render::hcl::Document model;
  model.block("resource", {"aws_vpc", "vpc"})
      .body.attribute("cidr_block", Expression::from_string("10.0.0.0/16"));
  auto& web = model.block("resource", {"aws_instance", "web"}).body;
  web.attribute("count", Expression::from_integer(2));
  web.attribute("ami", Expression::from_string("ami-1"));
  model.block("data", {"aws_ami", "web"}).body.attribute("most_recent", Expression::from_bool(true));
  model.block("resource", {"aws_vpc", "vpc"})
      .body.attribute("cidr_block", Expression::from_string("10.1.0.0/16"));
  model.block("resource", {"aws_instance", "web"}).body.attribute("count", Expression::from_integer(0));
  model.block("resource", {"aws_s3_bucket", "shared"}).body.attribute("bucket", Expression::from_string("b"));
  const std::vector<std::string> owners = {"vpc", "web"};
  const auto whole = drift::desired_resources(model, owners);
  REQUIRE(whole.size() == 2);  // the second aws_vpc.vpc replaces the first; web ends with no instance
  check_same(streamed(model, owners), whole);
  CHECK(drift::to_json(whole[1].attributes) == nlohmann::json{{"cidr_block", "10.1.0.0/16"}});
}

TEST_CASE("a shared block handed over last loses to a later block of its address, as in the whole model") {
  render::hcl::Document model;  // shared blocks first, as main.tf.json holds them
  model.block("resource", {"azurerm_resource_group", "main"})
      .body.attribute("location", Expression::from_string("westeurope"));
  model.block("resource", {"azurerm_resource_group", "main"})
      .body.attribute("location", Expression::from_string("northeurope"));
  model.block("resource", {"azurerm_resource_group", "other"})
      .body.attribute("location", Expression::from_string("eastus"));
  model.block("resource", {"azurerm_resource_group", "other"})
      .body.attribute("location", Expression::from_string("westus"));
  model.block("resource", {"azurerm_virtual_network", "main"})
      .body.attribute("name", Expression::from_string("vnet"));
  const std::vector<std::string> owners = {"main"};
  const auto whole = drift::desired_resources(model, owners);
  REQUIRE(whole.size() == 3);
  CHECK(whole[0].address == "azurerm_resource_group.other");  // no owner: first
  CHECK(drift::to_json(whole[0].attributes) == nlohmann::json{{"location", "westus"}});
  CHECK(whole[1].address == "azurerm_resource_group.main");
  CHECK(drift::to_json(whole[1].attributes) == nlohmann::json{{"location", "northeurope"}});
  SUBCASE("a resource block wins over a shared one") {
    check_same(streamed(model, owners, 3), whole);
  }
  SUBCASE("of two shared blocks the later wins") {
    check_same(streamed(model, owners, 2), whole);
  }
}
