// Catalog schema checks on resolved properties: defaults filled in, required
// properties, unknown properties with "did you mean", types, ranges and
// allowed values, and where each message points.

#include <doctest/doctest.h>

#include "blueprint_fixture.hpp"

using namespace dharma;

namespace {

test::Resolution instance(const std::string& properties) {
  return test::resolve_text(test::blueprint_header() +
                            "resources:\n  - name: web\n    type: compute.instance\n" +
                            "    properties: " + properties + "\n");
}

}  // namespace

TEST_CASE("check_properties, applies catalog defaults") {
  const auto r = instance("{size: t3.small}");
  REQUIRE(r.resolved);
  const auto properties = r.json()["resources"][0]["properties"];
  CHECK(properties["size"] == "t3.small");
  CHECK(properties["disk_gb"] == 20);
  CHECK(properties["encrypted"] == true);
  CHECK(properties["disk_type"] == "ssd");
}

TEST_CASE("check_properties, reports each problem at its value") {
  struct Case {
    std::string properties;
    std::string error;
  };
  for (const auto& c : std::vector<Case>{
           {"{disk_gb: 30}",
            "t.yaml:9:17: error: missing required property 'size' for compute.instance (Instance size, e.g. "
            "t3.medium "
            "(AWS), Standard_B2s (Azure), e2-standard-2 (GCP))"},
           {"{size: x, sise: y}",
            "t.yaml:9:27: error: unknown property 'sise' for compute.instance (did you mean 'size'?)"},
           {"{size: x, disk_gb: big}",
            "t.yaml:9:36: error: property 'disk_gb' of compute.instance expects an integer, got a string "
            "'big'"},
           {"{size: x, disk_gb: 4}",
            "t.yaml:9:36: error: property 'disk_gb' of compute.instance is 4, below the minimum 8"},
           {"{size: x, disk_gb: 2e4}",
            "t.yaml:9:36: error: property 'disk_gb' of compute.instance is 20000, above the maximum 16384"},
           {"{size: x, disk_type: nvme}",
            "t.yaml:9:38: error: property 'disk_type' of compute.instance is 'nvme', expected one of "
            "standard, ssd, "
            "provisioned"},
           {"{size: x, public_ip: \"yes\"}",
            "t.yaml:9:38: error: property 'public_ip' of compute.instance expects true or false, got a "
            "string 'yes'"},
       }) {
    CAPTURE(c.properties);
    const auto r = instance(c.properties);
    CHECK_FALSE(r.resolved);
    CHECK(r.first_error() == c.error);
  }
}

TEST_CASE("check_properties, a whole number written as a float is an integer") {
  const auto r = instance("{size: x, disk_gb: 3.0e1}");
  REQUIRE(r.resolved);
  CHECK(r.json()["resources"][0]["properties"]["disk_gb"] == 30);
}

TEST_CASE("resolve, provider-native types pass through unchecked") {
  const auto r = test::resolve_text(
      test::blueprint_header() +
      "resources:\n  - {name: role, type: aws_iam_role, properties: {anything: [1, 2]}}\n");
  REQUIRE(r.resolved);
  CHECK(r.json()["resources"][0]["properties"]["anything"].size() == 2);
}

TEST_CASE("resolve, unknown type suggests the closest catalog type") {
  const auto r =
      test::resolve_text(test::blueprint_header() + "resources:\n  - {name: db, type: database.postgress}\n");
  CHECK(r.first_error() ==
        "t.yaml:7:22: error: unknown resource type 'database.postgress' (did you mean 'database.postgres'?); "
        "use a "
        "catalog type (dharma blueprint types) or a provider-native type such as aws_*");
}

TEST_CASE("read_document, metadata.version must be a semantic version") {
  const auto with_version = [](const std::string& version) {
    return test::resolve_text(
        "apiVersion: dharma/v1\nkind: Blueprint\nmetadata: {name: unit, owner: qa, version: " + version +
        "}\nprovider: aws\nregion: us-east-1\n"
        "resources: [{name: a, type: storage.bucket}]\n");
  };
  for (const std::string good : {"1.4.0", "0.0.1", "1.4.0-rc.1+build.5"}) {
    CAPTURE(good);
    CHECK(with_version(good).resolved.has_value());
  }
  for (const std::string bad : {"1.4", "01.4.0", "v1.4.0", "1.4.0 "}) {
    CAPTURE(bad);
    const auto r = with_version("'" + bad + "'");
    CHECK(r.first_error() ==
          "t.yaml:3:44: error: metadata.version '" + bad + "' is not a semantic version such as 1.4.0");
  }
}
