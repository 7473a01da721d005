// The Terraform renderer evaluates attributes with evaluate_template_code and
// evaluate_value_code, which build only the code (no copy of the data a
// path points at). These tests render the same blueprints with that fast
// path on and off (set_code_only_evaluation) and require the same files,
// byte for byte, in both Terraform syntaxes, and the same diagnostics: every
// example blueprint, every blueprint of the golden cases, and a generated
// one that uses every AWS type the bench blueprints use, with counts,
// references, parameters and interpolations. The last test checks the shared
// `tags` of resources without tags of their own (fill_resource_context).

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "blueprint_fixture.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/render/mapping_evaluator.hpp"
#include "dharma/render/terraform_renderer.hpp"

using namespace dharma;

namespace {

// Every file rendered, then every diagnostic, as one text.
std::string render_all(const blueprint::ResolvedBlueprint& blueprint, render::TerraformFormat format,
                       bool code_only) {
  render::set_code_only_evaluation(code_only);
  util::Diagnostics diagnostics;
  std::string out;
  render::render_terraform(
      blueprint, test::real_mappings(), format, diagnostics,
      [&](const std::string& name, std::string content) { out += "== " + name + "\n" + content; });
  render::set_code_only_evaluation(true);
  for (const auto& diagnostic : diagnostics.sorted()) {
    out += util::format_diagnostic(diagnostic) + "\n";
  }
  return out;
}

// Checks both syntaxes; returns how many bytes the HCL rendering had.
std::size_t check_same(const std::string& text, const std::string& what) {
  CAPTURE(what);
  auto resolution = test::resolve_text(text);
  if (!resolution.resolved || resolution.diagnostics.has_errors()) {
    return 0;
  }
  std::size_t size = 0;
  for (const auto format : {render::TerraformFormat::hcl, render::TerraformFormat::json}) {
    const std::string full = render_all(*resolution.resolved, format, false);
    const std::string fast = render_all(*resolution.resolved, format, true);
    CHECK(fast == full);
    size += format == render::TerraformFormat::hcl ? full.size() : 0;
  }
  return size;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("code-only evaluation renders every example and golden-case blueprint as the full evaluation") {
  std::size_t rendered = 0;
  std::size_t bytes = 0;
  const std::filesystem::path source(DHARMA_SOURCE_DIR);
  for (const auto& folder : {source / "examples", source / "tests/cli/cases"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
      if (entry.path().extension() != ".yaml") {
        continue;
      }
      const std::string text = read(entry.path());
      if (text.find("\nresources:") == std::string::npos) {
        continue;
      }
      const std::size_t size = check_same(text, entry.path().string());
      rendered += size > 0 ? 1 : 0;
      bytes += size;
    }
  }
  CHECK(rendered >= 20);  // the fast path was exercised on many blueprints, not skipped
  CHECK(bytes > 10000);
}

TEST_CASE("code-only evaluation renders a generated blueprint of every bench type as the full evaluation") {
  // bench/gen_blueprint.py's groups, with a count, more tags and a public subnet added.
  std::string text =
      "apiVersion: dharma/v1\nkind: Blueprint\n"
      "metadata: {name: bench, owner: team-bench, labels: {project: bench, environment: \"${env}\"}}\n"
      "provider: aws\nregion: us-east-1\n"
      "parameters:\n"
      "  instance_size: {type: string, default: t3.medium, allowed: [t3.small, t3.medium, m5.large]}\n"
      "  disk_gb: {type: integer, default: 30, min: 8, max: 1000}\n"
      "  replicas: {type: integer, default: 2}\n"
      "  db_password: {type: string, sensitive: true, default: bench-only-secret}\n"
      "resources:\n"
      "  - {name: vpc, type: network.vpc, properties: {cidr: 10.0.0.0/8}}\n";
  for (int g = 0; g < 6; ++g) {
    const std::string n = std::to_string(g);
    text += "  - {name: subnet_" + n +
            ", type: network.subnet, properties: {vpc: \"${vpc.id}\", cidr: 10.0." + n + ".0/24, zone: a" +
            (g % 2 == 0 ? ", public: true" : "") + "}}\n";
    text += "  - name: sg_" + n +
            "\n    type: network.security_group\n    properties:\n      vpc: ${vpc.id}\n      description: "
            "group " +
            n + "\n      ingress:\n        - {protocol: tcp, port: 443, cidrs: [10.0.0.0/8]}\n";
    text += "  - name: web_" + n + "\n    type: compute.instance\n" +
            (g % 2 == 0 ? "    count: ${param.replicas}\n" : "") +
            "    properties:\n      size: ${param.instance_size}\n      subnet: ${subnet_" + n +
            ".id}\n      security_groups: [\"${sg_" + n + ".id}\"]\n      disk_gb: ${param.disk_gb}\n" +
            "      user_data: \"echo web-" + n + " in ${env}\"\n    tags: {tier: web, index: \"" + n +
            "\"}\n";
    text += "  - {name: bucket_" + n +
            ", type: storage.bucket, properties: {encrypted: true, versioning: true}}\n";
    text += "  - name: db_" + n +
            "\n    type: database.postgres\n    properties: {size: db.t3.medium, storage_gb: 50, encrypted: "
            "true, "
            "subnets: [\"${subnet_" +
            n + ".id}\"], password: \"${param.db_password}\"}\n    depends_on: [web_" + n + "]\n";
  }
  text += "outputs:\n  vpc_id: {value: \"${vpc.id}\"}\n";
  CHECK(check_same(text, "generated") > 5000);
}

TEST_CASE("resources without tags of their own share one evaluation of the blueprint's labels") {
  // An untagged resource after a tagged one, and the other way round: each
  // block's tags must be its own (the shared evaluation never leaks a tag).
  auto resolution = test::resolve_text(
      "apiVersion: dharma/v1\nkind: Blueprint\n"
      "metadata: {name: shared, owner: team-qa, labels: {project: p1, environment: \"${env}\"}}\n"
      "provider: aws\nregion: us-east-1\n"
      "resources:\n"
      "  - {name: a, type: storage.bucket, properties: {versioning: true}}\n"
      "  - {name: b, type: storage.bucket, tags: {tier: web, project: p2}, properties: {versioning: true}}\n"
      "  - {name: c, type: storage.bucket, properties: {versioning: true}}\n");
  REQUIRE(resolution.resolved.has_value());
  const std::string text = render_all(*resolution.resolved, render::TerraformFormat::hcl, true);
  const std::string untagged =
      "project     = \"p1\"\n    environment = \"default\"\n    managed_by  = \"dharma\"\n";
  const std::string tagged =
      "environment = \"default\"\n    tier        = \"web\"\n    project     = \"p2\"\n"
      "    managed_by  = \"dharma\"\n";
  const auto block_of = [&](const std::string& name) {
    const auto start = text.find("resource \"aws_s3_bucket\" \"" + name + "\"");
    REQUIRE(start != std::string::npos);
    return text.substr(start, text.find("\n}\n", start) - start);
  };
  CHECK(block_of("a").find(untagged) != std::string::npos);
  CHECK(block_of("b").find(tagged) != std::string::npos);
  CHECK(block_of("b").find("p1") == std::string::npos);
  CHECK(block_of("c").find(untagged) != std::string::npos);
  CHECK(block_of("c").find("tier") == std::string::npos);
}
