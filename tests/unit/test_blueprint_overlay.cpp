// Environment overlays: maps deep-merge by key, lists and scalars are
// replaced, count and tags can be overridden, and region follows the overlay.

#include <doctest/doctest.h>

#include "blueprint_fixture.hpp"
#include "dharma/blueprint/overlay.hpp"

using namespace dharma;

namespace {

yaml::NodePtr parse(const std::string& text) {
  util::Diagnostics diagnostics;
  auto node = yaml::load(text, "t.yaml", diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  return node;
}

}  // namespace

TEST_CASE("merge_nodes, maps merge deeply and lists are replaced") {
  const auto base = parse("a: 1\nnested: {x: 1, y: 2}\nlist: [1, 2, 3]\n");
  const auto overlay = parse("b: 2\nnested: {y: 20, z: 30}\nlist: [9]\n");
  const auto merged = blueprint::merge_nodes(*base, *overlay);
  REQUIRE(merged->is_map());
  CHECK(merged->find("a")->scalar == "1");
  CHECK(merged->find("b")->scalar == "2");
  const auto* nested = merged->find("nested");
  CHECK(nested->find("x")->scalar == "1");
  CHECK(nested->find("y")->scalar == "20");
  CHECK(nested->find("z")->scalar == "30");
  const auto* list = merged->find("list");
  REQUIRE(list->items.size() == 1);
  CHECK(list->items[0]->scalar == "9");
  // The base is untouched: overlays never change the declaration.
  CHECK(base->find("nested")->find("y")->scalar == "2");
  CHECK(base->find("list")->items.size() == 3);
}

TEST_CASE("merge_nodes, a scalar overlay replaces a map and vice versa") {
  const auto base = parse("k: {x: 1}\n");
  const auto merged = blueprint::merge_nodes(*base, *parse("k: flat\n"));
  CHECK(merged->find("k")->scalar == "flat");
  const auto back = blueprint::merge_nodes(*merged, *parse("k: {y: 2}\n"));
  CHECK(back->find("k")->is_map());
}

TEST_CASE("resolve, overlay changes properties, count, tags and region by resource name") {
  const std::string text = test::blueprint_header() + R"(
environments:
  prod:
    region: eu-west-1
    resources:
      web:
        count: 3
        properties: {disk_gb: 100, security_groups: []}
        tags: {tier: prod-web}
resources:
  - name: web
    type: compute.instance
    count: 1
    properties: {size: t3.small, disk_gb: 30, security_groups: ["sg-1", "sg-2"]}
    tags: {tier: web, team: shop}
)";
  SUBCASE("without --env") {
    const auto r = test::resolve_text(text);
    REQUIRE(r.resolved);
    const auto json = r.json();
    CHECK(json["region"] == "us-east-1");
    CHECK(json["resources"].size() == 1);
    CHECK(json["resources"][0]["properties"]["disk_gb"] == 30);
  }
  SUBCASE("with --env prod") {
    const auto r = test::resolve_text(text, {"prod", {}, {}});
    REQUIRE(r.resolved);
    const auto json = r.json();
    CHECK(json["region"] == "eu-west-1");
    REQUIRE(json["resources"].size() == 3);
    const auto& web = json["resources"][2];
    CHECK(web["name"] == "web[2]");
    CHECK(web["properties"]["size"] == "t3.small");
    CHECK(web["properties"]["disk_gb"] == 100);
    CHECK(web["properties"]["security_groups"].empty());
    CHECK(web["tags"]["tier"] == "prod-web");
    CHECK(web["tags"]["team"] == "shop");
  }
}

TEST_CASE("resolve, unknown --env names the environments there are") {
  const auto r = test::resolve_text(test::blueprint_header() +
                                        "environments: {dev: {}, prod: {}}\n"
                                        "resources: [{name: a, type: storage.bucket}]\n",
                                    {"prd", {}, {}});
  CHECK_FALSE(r.resolved);
  CHECK(r.first_error() ==
        "t.yaml: error: unknown environment 'prd' (did you mean 'prod'?); this blueprint defines dev, prod");
}
