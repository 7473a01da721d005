#pragma once
// Blueprints for tests that range over every rendered resource: a
// generated one, and every example and golden case as (path, text).

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "blueprint_fixture.hpp"

namespace dharma::test {

// bench/gen_blueprint.py's mix (a VPC, then subnets, security groups,
// instances, buckets and databases) at `groups` groups.
inline std::string generated_blueprint(int groups) {
  std::string text = test::blueprint_header() + R"(parameters:
  instance_size: {type: string, default: t3.medium}
  disk_gb: {type: integer, default: 30}
  db_password: {type: string, sensitive: true, default: only-a-test}
resources:
  - name: vpc
    type: network.vpc
    properties: {cidr: 10.0.0.0/8}
)";
  for (int g = 0; g < groups; ++g) {
    const std::string n = std::to_string(g);
    text += "  - name: subnet_" + n +
            "\n    type: network.subnet\n    properties: {vpc: \"${vpc.id}\", cidr: 10.0." + n +
            ".0/24, zone: a}\n";
    text += "  - name: sg_" + n +
            "\n    type: network.security_group\n    properties:\n      vpc: ${vpc.id}\n      description: "
            "group " +
            n +
            "\n      ingress:\n        - {protocol: tcp, port: 443, cidrs: [10.0.0.0/8, 192.168.0.0/16]}\n";
    text += "  - name: web_" + n +
            "\n    type: compute.instance\n    properties:\n      size: ${param.instance_size}\n" +
            "      subnet: ${subnet_" + n + ".id}\n      security_groups: [\"${sg_" + n +
            ".id}\"]\n      disk_gb: ${param.disk_gb}\n      user_data: \"echo web-" + n +
            " in ${env}\"\n    tags: {tier: web, index: \"" + n + "\"}\n";
    text += "  - name: bucket_" + n +
            "\n    type: storage.bucket\n    properties: {encrypted: true, versioning: true}\n";
    text += "  - name: db_" + n +
            "\n    type: database.postgres\n    properties: {size: db.t3.medium, storage_gb: 50, encrypted: "
            "true, "
            "subnets: [\"${subnet_" +
            n + ".id}\"], password: \"${param.db_password}\"}\n    depends_on: [web_" + n + "]\n";
  }
  return text;
}

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every file of examples/ and of the golden cases (tests/cli/cases/*/), as
// (path, text); callers pick the blueprints among them.
inline std::vector<std::pair<std::string, std::string>> example_and_golden_files() {
  std::vector<std::pair<std::string, std::string>> files;
  const std::filesystem::path root(DHARMA_SOURCE_DIR);
  for (const auto& entry : std::filesystem::directory_iterator(root / "examples")) {
    files.emplace_back(entry.path().string(), read_text(entry.path()));
  }
  for (const auto& folder : std::filesystem::directory_iterator(root / "tests" / "cli" / "cases")) {
    if (folder.is_directory()) {
      for (const auto& entry : std::filesystem::directory_iterator(folder.path())) {
        files.emplace_back(entry.path().string(), read_text(entry.path()));
      }
    }
  }
  return files;
}

}  // namespace dharma::test
