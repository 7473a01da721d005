// render_terraform with a FileStream (how generate writes main.tf) hands
// over, in pieces, exactly the main.tf it otherwise gives whole: for a
// blueprint large enough for several pieces and for one of a single piece.
// A provider with shared resources (Azure's resource group, written first
// but known only at the end) still gives main.tf whole, to the sink.

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "blueprint_fixture.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/render/terraform_renderer.hpp"

using namespace dharma;

namespace {

class Collect : public render::FileStream {
 public:
  void begin(const std::string& file) override {
    ++begun;
    name = file;
  }
  void write(std::string_view piece) override {
    text.append(piece);
    ++pieces;
  }
  void end() override { ++ended; }

  std::string name;
  std::string text;
  int begun = 0;
  int ended = 0;
  int pieces = 0;
};

std::string blueprint_text(const std::string& provider, int instances) {
  std::string text =
      "apiVersion: dharma/v1\nkind: Blueprint\nmetadata: {name: unit, owner: team-qa}\nprovider: " +
      provider + "\nregion: " + (provider == "azure" ? "eastus" : "us-east-1") +
      "\nresources:\n"
      "  - {name: vpc, type: network.vpc, properties: {cidr: 10.0.0.0/16}}\n"
      "  - name: subnet\n"
      "    type: network.subnet\n"
      "    properties: {vpc: '${vpc.id}', cidr: 10.0.1.0/24}\n";
  for (int i = 0; i < instances; ++i) {
    text += "  - {name: web_" + std::to_string(i) +
            ", type: compute.instance, properties: {size: small, subnet: '${subnet.id}'}}\n";
  }
  return text;
}

struct Both {
  std::map<std::string, std::string> whole;     // without a stream
  std::map<std::string, std::string> streamed;  // with one, main.tf from it when it was used
  Collect stream;
};

void render_both(const std::string& text, Both& both) {
  auto resolution = test::resolve_text(text);
  REQUIRE_MESSAGE(resolution.resolved.has_value(), resolution.first_error());
  util::Diagnostics diagnostics;
  render::render_terraform(
      *resolution.resolved, test::real_mappings(), render::TerraformFormat::hcl, diagnostics,
      [&](const std::string& name, std::string content) { both.whole[name] = std::move(content); });
  render::render_terraform(
      *resolution.resolved, test::real_mappings(), render::TerraformFormat::hcl, diagnostics,
      [&](const std::string& name, std::string content) { both.streamed[name] = std::move(content); },
      &both.stream);
  REQUIRE_FALSE(diagnostics.has_errors());
  if (both.stream.ended == 1) {
    both.streamed[both.stream.name] = both.stream.text;
  }
}

}  // namespace

TEST_CASE("render_terraform, main.tf streamed in several pieces equals main.tf given whole") {
  Both both;
  render_both(blueprint_text("aws", 1500), both);
  CHECK(both.stream.begun == 1);
  CHECK(both.stream.ended == 1);
  CHECK(both.stream.name == "main.tf");
  CHECK(both.stream.pieces >= 2);
  REQUIRE(both.whole.count("main.tf") == 1);
  CHECK(both.whole["main.tf"].size() > 256 * 1024);
  CHECK(both.streamed == both.whole);
}

TEST_CASE("render_terraform, a main.tf of one piece streams the same bytes") {
  Both both;
  render_both(blueprint_text("aws", 2), both);
  CHECK(both.stream.ended == 1);
  CHECK(both.stream.pieces == 1);
  CHECK(both.streamed == both.whole);
}

TEST_CASE("render_terraform, a provider with shared resources gives main.tf whole, shared resources first") {
  Both both;
  render_both(blueprint_text("azure", 3), both);
  CHECK(both.stream.begun == 0);
  REQUIRE(both.streamed.count("main.tf") == 1);
  CHECK(both.streamed == both.whole);
  CHECK(both.whole["main.tf"].rfind("resource \"azurerm_resource_group\"", 0) == 0);
}
