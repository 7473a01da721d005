// Provider mappings: the shipped catalog loads clean, and broken mapping
// files are reported with file:line:col, every problem at once.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "dharma/catalog/catalog.hpp"
#include "dharma/catalog/provider_mapping.hpp"

namespace fs = std::filesystem;
using namespace dharma;

namespace {

const std::string k_templates = std::string(DHARMA_TEST_DATA_DIR) + "/../templates";

// A templates/ folder in a scratch directory with one aws mapping file.
fs::path scratch_templates(const std::string& mapping) {
  const fs::path root = fs::temp_directory_path() / ("dharma-mapping-test-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "aws");
  std::ofstream(root / "aws" / "provider.yaml")
      << "provider: aws\nterraform_provider: {name: aws, source: hashicorp/aws, version: \"~> 6.0\"}\n";
  std::ofstream(root / "aws" / "network.vpc.yaml") << mapping;
  return root;
}

std::vector<std::string> messages(const util::Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics.sorted()) {
    out.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
                  d.message);
  }
  return out;
}

// The messages of loading the shipped types with one aws mapping file `mapping`.
std::vector<std::string> mapping_messages(const std::string& mapping) {
  util::Diagnostics diagnostics;
  const auto types = catalog::Catalog::load(k_templates, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  const auto root = scratch_templates(mapping);
  catalog::MappingCatalog::load(root, &types, diagnostics);
  fs::remove_all(root);
  return messages(diagnostics);
}

}  // namespace

TEST_CASE("MappingCatalog::load, the shipped catalog has no problems") {
  util::Diagnostics diagnostics;
  const auto types = catalog::Catalog::load(k_templates, diagnostics);
  const auto mappings = catalog::MappingCatalog::load(k_templates, &types, diagnostics);
  for (const auto& d : diagnostics.all()) {
    INFO(util::format_diagnostic(d));
  }
  CHECK_FALSE(diagnostics.has_errors());
  SUBCASE("every portable type maps on every cloud, every k8s type on kubernetes") {
    for (const auto& type : types.type_names()) {
      const bool k8s = type.rfind("k8s.", 0) == 0;
      for (const char* provider : {"aws", "azure", "gcp"}) {
        CHECK_MESSAGE(mappings.find(provider, type) != nullptr, provider << " " << type);
      }
      CHECK(mappings.find("kubernetes", type) == (k8s ? mappings.find("aws", type) : nullptr));
    }
  }
}

TEST_CASE("MappingCatalog::load, reports every problem with its position") {
  util::Diagnostics diagnostics;
  const auto types = catalog::Catalog::load(k_templates, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  const auto root = scratch_templates(
      "type: network.vpc\n"
      "terraform:\n"
      "  - resource: aws_vpc\n"
      "    atributes: {}\n"
      "  - resource: aws_flow_log\n"
      "    attributes:\n"
      "      vpc_id: ${ref(aws_vppc, id)}\n"
      "      cidr: ${cidrr}\n"
      "      x: ${lowerr(cidr)}\n"
      "      y: ${default(cidr}\n"
      "exports: {id: '${ref(aws_vpc, id)}'}\n");
  catalog::MappingCatalog::load(root, &types, diagnostics);
  fs::remove_all(root);
  const std::vector<std::string> expected{
      "1:1: the mapping does not export 'cidr', an attribute of network.vpc (add it under 'exports')",
      "4:5: unknown key 'atributes' in a Terraform resource entry (did you mean 'attributes'?)",
      "7:15: ref(aws_vppc, ...) names no Terraform entry of this mapping",
      "8:13: 'cidrr' is not a property of network.vpc (did you mean 'cidr'?)",
      "9:10: unknown mapping function 'lowerr' (did you mean 'lower'?)",
      "10:24: expected ',' or ')' in the arguments of default() in mapping template '${default(cidr}'",
  };
  CHECK(messages(diagnostics) == expected);
}

TEST_CASE("MappingCatalog::load, wrong shapes read the same as in every other file") {
  const auto found = mapping_messages(
      "type: network.vpc\n"
      "terraform:\n"
      "  - resource: aws_vpc\n"
      "    id: [a]\n"
      "    attributes: [x]\n"
      "  - id: vpc2\n"
      "manifests: {}\n"
      "exports: {id: '${ref(aws_vpc, id)}', cidr: x}\n");
  const std::vector<std::string> expected{
      "4:9: 'id' in a Terraform resource entry must be a non-empty string, not a list",
      "5:17: 'attributes' in a Terraform resource entry must be a mapping, not a list",
      "6:5: a Terraform resource entry is missing required key 'resource'",
      "7:12: 'manifests' in a provider mapping must be a list, not a mapping",
  };
  CHECK(found == expected);
}

TEST_CASE("MappingCatalog::load, keep_empty must be true") {
  util::Diagnostics diagnostics;
  const auto types = catalog::Catalog::load(k_templates, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  const auto root = scratch_templates(
      "type: network.vpc\n"
      "terraform:\n"
      "  - resource: aws_vpc\n"
      "    attributes:\n"
      "      cidr_block: ${cidr}\n"
      "      a: {keep_empty: true, x: '${cidr}'}\n"
      "      b: {keep_empty: false}\n"
      "      c: [{keep_empty: yes please}]\n"
      "exports: {id: '${ref(aws_vpc, id)}', cidr: '${cidr}'}\n");
  catalog::MappingCatalog::load(root, &types, diagnostics);
  fs::remove_all(root);
  const std::vector<std::string> expected{
      "7:23: keep_empty must be true (leave it out to drop an empty value)",
      "8:24: keep_empty must be true (leave it out to drop an empty value)",
  };
  CHECK(messages(diagnostics) == expected);
}
