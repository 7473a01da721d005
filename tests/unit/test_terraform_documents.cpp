// render_terraform_documents (what `dharma drift` reads) is the same
// rendering as render_terraform's JSON files (what `generate --tf-format
// json` writes): main.tf.json and variables.tf.json parse to exactly the
// JSON of the models handed over, and drift's desired resources taken
// straight from the main model equal those read from main.tf.json.

#include <doctest/doctest.h>

#include <map>

#include "blueprint_fixture.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/drift/desired_state.hpp"
#include "dharma/render/hcl_json.hpp"
#include "dharma/render/terraform_renderer.hpp"

using namespace dharma;

namespace {

struct Rendered {
  std::map<std::string, std::string> files;                // render_terraform, JSON format
  std::map<std::string, render::hcl::Document> documents;  // render_terraform_documents
};

Rendered render_both() {
  util::Diagnostics problems;
  const auto mappings = catalog::MappingCatalog::load(std::string(DHARMA_SOURCE_DIR) + "/templates",
                                                      &test::real_catalog(), problems);
  REQUIRE_FALSE(problems.has_errors());
  auto resolution = test::resolve_text(test::blueprint_header() +
                                       "parameters: {size: {type: string, default: t3.small}}\n"
                                       "resources:\n"
                                       "  - {name: vpc, type: network.vpc, properties: {cidr: 10.0.0.0/16}}\n"
                                       "  - name: subnet\n"
                                       "    type: network.subnet\n"
                                       "    properties: {vpc: '${vpc.id}', cidr: 10.0.1.0/24}\n"
                                       "  - name: web\n"
                                       "    type: compute.instance\n"
                                       "    count: 2\n"
                                       "    properties: {size: '${param.size}', subnet: '${subnet.id}'}\n");
  REQUIRE(resolution.resolved.has_value());

  util::Diagnostics diagnostics;
  Rendered rendered;
  render::render_terraform(
      *resolution.resolved, mappings, render::TerraformFormat::json, diagnostics,
      [&](const std::string& name, std::string content) { rendered.files[name] = std::move(content); });
  render::render_terraform_documents(*resolution.resolved, mappings, diagnostics,
                                     [&](const std::string& name, render::hcl::Document document) {
                                       rendered.documents[name] = std::move(document);
                                     });
  REQUIRE_FALSE(diagnostics.has_errors());
  return rendered;
}

}  // namespace

TEST_CASE("render_terraform_documents hands over what render_terraform writes as JSON") {
  auto [files, documents] = render_both();
  REQUIRE(documents.size() == 2);
  REQUIRE(files.count("main.tf.json") == 1);
  REQUIRE(files.count("variables.tf.json") == 1);
  const auto main_json = render::hcl::to_json(documents["main.tf.json"]);
  CHECK(main_json == nlohmann::ordered_json::parse(files["main.tf.json"]));
  CHECK(render::hcl::to_json(documents["variables.tf.json"]) ==
        nlohmann::ordered_json::parse(files["variables.tf.json"]));
  CHECK(main_json["resource"].contains("aws_instance"));
}

TEST_CASE("drift's desired resources from the renderer's model equal those read from main.tf.json") {
  auto [files, documents] = render_both();
  const std::vector<std::string> owners = {"vpc", "subnet", "web"};
  const auto from_model = drift::desired_resources(documents["main.tf.json"], owners);
  const auto from_file = drift::desired_resources(nlohmann::json::parse(files["main.tf.json"]), owners);
  REQUIRE(from_model.size() == from_file.size());
  REQUIRE(from_model.size() >= 4);  // vpc, subnet, web[0], web[1]
  for (std::size_t i = 0; i < from_model.size(); ++i) {
    CAPTURE(from_file[i].address);
    CHECK(from_model[i].address == from_file[i].address);
    CHECK(from_model[i].blueprint_resource == from_file[i].blueprint_resource);
    CHECK(from_model[i].index == from_file[i].index);
    CHECK(from_model[i].any_index == from_file[i].any_index);
    CHECK(drift::to_json(from_model[i].attributes) == drift::to_json(from_file[i].attributes));
  }
}
