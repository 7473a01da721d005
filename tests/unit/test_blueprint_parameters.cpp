// Parameter binding through the resolver: the precedence --set > --values >
// environment overlay > default, type coercion, the constraints, and that a
// sensitive value never appears in a message.

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>

#include "blueprint_fixture.hpp"
#include "dharma/blueprint/parameters.hpp"
#include "dharma/util/file.hpp"

using namespace dharma;

namespace {

const std::string k_blueprint = test::blueprint_header() + R"(
parameters:
  size:  {type: string, default: from-default}
  count: {type: integer, default: 1, min: 1, max: 10}
  tier:  {type: string, default: dev, allowed: [dev, staging, prod]}
  host:  {type: string, default: shop.example.com, pattern: '^[a-z.]+$'}
  pin:   {type: integer, default: 1234, sensitive: true, min: 1000}
  ratio: {type: number, default: 1}
  flags: {type: list, default: [a]}
environments:
  prod:
    parameters: {size: from-environment, count: 4}
resources:
  - {name: assets, type: storage.bucket, tags: {size: "${param.size}"}}
)";

std::string value_of(const test::Resolution& r, const std::string& name) {
  for (const auto& p : r.resolved->parameters) {
    if (p.name == name) {
      return p.value.to_display_string();
    }
  }
  return "(missing)";
}

std::string source_of(const test::Resolution& r, const std::string& name) {
  for (const auto& p : r.resolved->parameters) {
    if (p.name == name) {
      return p.source;
    }
  }
  return "(missing)";
}

// A --values file in a scratch directory, removed afterwards.
struct ValuesFile {
  std::filesystem::path path;
  explicit ValuesFile(const std::string& text)
      : path(std::filesystem::temp_directory_path() /
             ("dharma-unit-values-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".yaml")) {
    util::write_file_atomic(path, text);
  }
  ~ValuesFile() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("bind_parameters, precedence is --set > --values > environment > default") {
  ValuesFile values("size: from-values\ncount: 5\n");
  SUBCASE("default") {
    const auto r = test::resolve_text(k_blueprint);
    REQUIRE(r.resolved);
    CHECK(value_of(r, "size") == "from-default");
    CHECK(source_of(r, "size") == "default");
  }
  SUBCASE("environment beats default") {
    const auto r = test::resolve_text(k_blueprint, {"prod", {}, {}});
    REQUIRE(r.resolved);
    CHECK(value_of(r, "size") == "from-environment");
    CHECK(value_of(r, "count") == "4");
    CHECK(source_of(r, "count") == "environment");
  }
  SUBCASE("--values beats the environment") {
    const auto r = test::resolve_text(k_blueprint, {"prod", {}, {values.path.string()}});
    REQUIRE(r.resolved);
    CHECK(value_of(r, "size") == "from-values");
    CHECK(value_of(r, "count") == "5");
    CHECK(source_of(r, "size") == "--values");
  }
  SUBCASE("--set beats --values") {
    const auto r = test::resolve_text(k_blueprint, {"prod", {"size=from-set"}, {values.path.string()}});
    REQUIRE(r.resolved);
    CHECK(value_of(r, "size") == "from-set");
    CHECK(value_of(r, "count") == "5");
    CHECK(source_of(r, "size") == "--set");
  }
  SUBCASE("the last --set wins") {
    const auto r = test::resolve_text(k_blueprint, {"", {"count=2", "count=3"}, {}});
    REQUIRE(r.resolved);
    CHECK(value_of(r, "count") == "3");
  }
}

TEST_CASE("bind_parameters, --set values are typed by the declaration") {
  const auto r = test::resolve_text(k_blueprint, {"", {"size=007", "ratio=2.5", "flags=[x, y]"}, {}});
  REQUIRE(r.resolved);
  CHECK(value_of(r, "size") == "007");  // a string parameter keeps the text as written
  const auto json = r.json();
  CHECK(json["parameters"]["ratio"] == 2.5);
  CHECK(json["parameters"]["flags"] == nlohmann::ordered_json::array({"x", "y"}));
}

TEST_CASE("bind_parameters, constraint violations") {
  struct Case {
    std::string set;
    std::string error;
  };
  for (const auto& c : std::vector<Case>{
           {"count=0", "dharma: error: value '0' of parameter 'count' (from --set) is below its minimum 1"},
           {"count=11",
            "dharma: error: value '11' of parameter 'count' (from --set) is above its maximum 10"},
           {"count=many",
            "dharma: error: --set count=many: parameter 'count' expects an integer, got a string 'many'"},
           {"tier=qa",
            "dharma: error: value 'qa' of parameter 'tier' (from --set) is not allowed; expected one of dev, "
            "staging, prod"},
           {"host=Shop.COM",
            "dharma: error: value 'Shop.COM' of parameter 'host' (from --set) does not match its pattern "
            "'^[a-z.]+$'"},
           {"cuont=3", "dharma: error: --set cuont: unknown parameter 'cuont' (did you mean 'count'?)"},
           {"=3", "dharma: error: malformed --set '=3': expected KEY=VALUE, e.g. --set web_count=3"},
       }) {
    CAPTURE(c.set);
    const auto r = test::resolve_text(k_blueprint, {"", {c.set}, {}});
    CHECK_FALSE(r.resolved);
    CHECK(r.first_error() == c.error);
  }
}

TEST_CASE("bind_parameters, sensitive values never appear in messages") {
  for (const std::string set : {"pin=999", "pin=hunter2"}) {
    CAPTURE(set);
    const auto r = test::resolve_text(k_blueprint, {"", {set}, {}});
    CHECK_FALSE(r.resolved);
    for (const auto& message : r.messages()) {
      CHECK(message.find("999") == std::string::npos);
      CHECK(message.find("hunter2") == std::string::npos);
    }
  }
}

TEST_CASE("bind_parameters, a parameter without a value is required") {
  const auto r = test::resolve_text(test::blueprint_header() +
                                    "parameters: {name: {type: string}}\n"
                                    "resources: [{name: assets, type: storage.bucket}]\n");
  CHECK(
      r.first_error() ==
      "t.yaml:6:14: error: missing required parameter 'name' (it has no default: pass --set name=VALUE or a "
      "--values file)");
}

TEST_CASE(
    "bind_parameters, an unset secret is a placeholder by default, its constraints noted as not checked") {
  const auto r =
      test::resolve_text(test::blueprint_header() +
                         "parameters:\n"
                         "  pw: {type: string, sensitive: true, pattern: '^.{16,}$', allowed: [x]}\n"
                         "  token: {type: string, sensitive: true}\n"
                         "resources: [{name: assets, type: storage.bucket}]\n");
  REQUIRE(r.resolved);
  CHECK(r.resolved->parameters[0].value.placeholder);
  CHECK(r.resolved->parameters[1].value.placeholder);
  CHECK(r.messages() ==
        std::vector<std::string>{
            "t.yaml:7:3: note: sensitive parameter 'pw' has no value, so its allowed values and "
            "pattern were not checked (pass it with --set or --values to check them)"});
}

TEST_CASE("bind_parameters, placeholder_secrets binds an unset sensitive string to a marked placeholder") {
  const std::string text = test::blueprint_header() + R"(
parameters:
  pw:    {type: string, sensitive: true, pattern: '^.{16,}$', allowed: [a-long-enough-password]}
  pin:   {type: integer, sensitive: true}
  given: {type: string, sensitive: true}
  name:  {type: string}
resources:
  - {name: db, type: database.postgres, properties: {size: db.t3.medium, password: "${param.pw}-${param.given}"}}
  - {name: assets, type: storage.bucket, properties: {storage_class: "${param.pw}"}}
)";
  blueprint::ResolveInputs inputs{"", {"given=real-secret", "name=x", "pin=1234"}, {}, true};
  SUBCASE("only for sensitive strings without a value, unchecked by parameter and catalog constraints") {
    const auto r = test::resolve_text(text, inputs);
    REQUIRE(r.resolved);
    REQUIRE(r.messages().size() == 1);
    CHECK(r.messages()[0].find("note: sensitive parameter 'pw' has no value") != std::string::npos);
    const auto& pw = r.resolved->parameters[0];
    CHECK(pw.value.placeholder);
    CHECK(pw.value.sensitive);
    CHECK(pw.source == "placeholder");
    CHECK(pw.value.as_string() == blueprint::secret_placeholder_text("pw"));
    CHECK_FALSE(r.resolved->parameters[2].value.placeholder);
    // Whatever is derived from a placeholder is marked too, and show masks it.
    for (const auto& [key, value] : r.resolved->resources[0].properties) {
      if (key == "password") {
        CHECK(value.placeholder);
        CHECK(value.sensitive);
      }
    }
    const std::string shown = r.json().dump();
    CHECK(shown.find("placeholder") == std::string::npos);
    CHECK(shown.find("real-secret") == std::string::npos);
  }
  SUBCASE("a sensitive parameter of another type is still required") {
    inputs.set_values = {"given=real-secret", "name=x"};
    const auto r = test::resolve_text(text, inputs);
    CHECK_FALSE(r.resolved);
    CHECK(r.first_error().find("missing required parameter 'pin'") != std::string::npos);
  }
  SUBCASE("a parameter that is not sensitive is still required") {
    inputs.set_values = {"given=real-secret", "pin=1234"};
    const auto r = test::resolve_text(text, inputs);
    CHECK_FALSE(r.resolved);
    CHECK(r.first_error().find("missing required parameter 'name'") != std::string::npos);
  }
  SUBCASE("without placeholder_secrets the secret is required") {
    inputs.placeholder_secrets = false;
    const auto r = test::resolve_text(text, inputs);
    CHECK_FALSE(r.resolved);
    CHECK(r.first_error().find("missing required parameter 'pw'") != std::string::npos);
  }
}
