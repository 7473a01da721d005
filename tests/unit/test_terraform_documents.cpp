// render_terraform_documents (what `dharma drift` reads) is the same
// rendering as render_terraform's JSON files (what `generate --tf-format
// json` writes): main.tf.json and variables.tf.json parse to exactly the
// documents handed over.

#include <doctest/doctest.h>

#include <map>

#include "blueprint_fixture.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/render/terraform_renderer.hpp"

using namespace dharma;

TEST_CASE("render_terraform_documents hands over what render_terraform writes as JSON") {
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
  std::map<std::string, std::string> files;
  render::render_terraform(
      *resolution.resolved, mappings, render::TerraformFormat::json, diagnostics,
      [&](const std::string& name, std::string content) { files[name] = std::move(content); });
  std::map<std::string, nlohmann::ordered_json> documents;
  render::render_terraform_documents(*resolution.resolved, mappings, diagnostics,
                                     [&](const std::string& name, nlohmann::ordered_json document) {
                                       documents[name] = std::move(document);
                                     });
  REQUIRE_FALSE(diagnostics.has_errors());

  REQUIRE(documents.size() == 2);
  REQUIRE(files.count("main.tf.json") == 1);
  REQUIRE(files.count("variables.tf.json") == 1);
  CHECK(documents["main.tf.json"] == nlohmann::ordered_json::parse(files["main.tf.json"]));
  CHECK(documents["variables.tf.json"] == nlohmann::ordered_json::parse(files["variables.tf.json"]));
  CHECK(documents["main.tf.json"]["resource"].contains("aws_instance"));
}
