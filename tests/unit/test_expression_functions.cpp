// The evaluator: each documented function on known data, type preservation
// of a whole-value expression, interpolation, sensitivity, and the errors
// for wrong argument types and for functions applied to resource attributes.

#include <doctest/doctest.h>

#include <map>
#include <set>

#include "blueprint_fixture.hpp"
#include "dharma/blueprint/evaluator.hpp"

using namespace dharma;
using namespace dharma::blueprint;

namespace {

ResolvedParameter parameter(const std::string& name, Value value, bool sensitive = false) {
  ResolvedParameter p;
  p.name = name;
  p.value = std::move(value);
  p.sensitive = sensitive;
  return p;
}

// A fixed world: parameters of each type and three resources.
struct Evaluation {
  std::vector<ResolvedParameter> parameters{
      parameter("name", Value::string("  Shop Web ")),
      parameter("count", Value::integer(3)),
      parameter("ratio", Value::number(0.5)),
      parameter("zones", Value::list({Value::string("a"), Value::string("b")})),
      parameter("password", Value::string("s3cret"), true),
  };
  ResourceInfos resources{
      {"vpc", {"network.vpc", test::real_catalog().find_type("network.vpc"), std::nullopt, false}},
      {"web", {"compute.instance", test::real_catalog().find_type("compute.instance"), 2, true}},
  };
  std::set<std::string> references;
  util::Diagnostics diagnostics;
  yaml::NodePtr node;

  Value run(const std::string& text, bool allow_references = true) {
    auto scalar = std::make_shared<yaml::Node>();
    scalar->kind = yaml::Kind::scalar;
    scalar->scalar = text;
    scalar->file = yaml::intern_file_name("t.yaml");
    scalar->line = 1;
    scalar->column = 1;
    node = scalar;
    EvalContext context;
    context.parameters = &parameters;
    context.resources = &resources;
    context.environment = "prod";
    context.blueprint_name = "shop";
    context.current_resource = "db";
    context.references = &references;
    context.diagnostics = &diagnostics;
    context.allow_references = allow_references;
    return evaluate_node(*node, context);
  }
  std::string error() const {
    return diagnostics.all().empty() ? "" : util::format_diagnostic(diagnostics.all().front());
  }
};

std::string string_of(const std::string& text) {
  Evaluation e;
  const Value value = e.run(text);
  CAPTURE(text);
  CAPTURE(e.error());
  REQUIRE(value.kind() == Value::Kind::string);
  return value.as_string();
}

}  // namespace

TEST_CASE("evaluate_node, string functions") {
  CHECK(string_of("${lower(param.name)}") == "  shop web ");
  CHECK(string_of("${upper(env)}") == "PROD");
  CHECK(string_of("${trimspace(param.name)}") == "Shop Web");
  CHECK(string_of(R"(${replace(trimspace(param.name), " ", "-")})") == "Shop-Web");
  CHECK(string_of(R"(${join(",", param.zones)})") == "a,b");
  CHECK(string_of(R"(${format("%s-%d-%v%%", blueprint.name, param.count, param.ratio)})") == "shop-3-0.5%");
  CHECK(string_of(R"(${default("", "fallback")})") == "fallback");
  CHECK(string_of(R"(${default(env, "fallback")})") == "prod");
}

TEST_CASE("evaluate_node, a whole-value expression keeps its type") {
  Evaluation e;
  SUBCASE("integer") {
    const Value v = e.run("${param.count}");
    REQUIRE(v.kind() == Value::Kind::integer);
    CHECK(v.as_integer() == 3);
  }
  SUBCASE("list from concat") {
    const Value v = e.run(R"(${concat(param.zones, param.zones)})");
    REQUIRE(v.kind() == Value::Kind::list);
    CHECK(v.as_list().size() == 4);
  }
  SUBCASE("length of string, list") {
    CHECK(e.run("${length(param.zones)}").as_integer() == 2);
    CHECK(e.run(R"(${length("abcd")})").as_integer() == 4);
  }
  SUBCASE("number literals too large for an integer stay numbers") {
    const Value v = e.run("${99999999999999999999999}");
    REQUIRE(v.kind() == Value::Kind::number);
    CHECK(v.as_number() == 1e23);
    CHECK(e.run("${-42}").as_integer() == -42);
  }
  SUBCASE("interpolation makes a string") {
    const Value v = e.run("n=${param.count}");
    REQUIRE(v.kind() == Value::Kind::string);
    CHECK(v.as_string() == "n=3");
  }
}

TEST_CASE("evaluate_node, references stay symbolic and are recorded") {
  Evaluation e;
  const Value whole = e.run("${web[1].private_ip}");
  REQUIRE(whole.kind() == Value::Kind::reference);
  CHECK(whole.as_reference().str() == "web[1].private_ip");
  const Value mixed = e.run("vpc ${vpc.id} in ${env}");
  REQUIRE(mixed.kind() == Value::Kind::interpolation);
  CHECK(e.references == std::set<std::string>{"vpc", "web"});
  CHECK_FALSE(e.diagnostics.has_errors());
}

TEST_CASE("evaluate_node, sensitivity follows the value through functions") {
  Evaluation e;
  CHECK(e.run("${upper(param.password)}").sensitive);
  CHECK(e.run("pw=${param.password}").sensitive);
  CHECK_FALSE(e.run("${upper(env)}").sensitive);
}

TEST_CASE("evaluate_node, errors name the problem and its column") {
  struct Case {
    std::string text;
    std::string error;
  };
  for (const auto& c : std::vector<Case>{
           {"${lower(param.count)}",
            "t.yaml:1:3: error: lower() expects a string as argument 1, got an integer"},
           {"${join(\",\", env)}", "t.yaml:1:3: error: join() expects a list as argument 2, got a string"},
           {"${format(\"%d\", env)}", "t.yaml:1:3: error: format() %d expects an integer, got a string"},
           {"${format(\"%s %s\", env)}", "t.yaml:1:3: error: format() has more verbs than arguments"},
           {"${format(\"%s\", env, env)}", "t.yaml:1:3: error: format() has more arguments than verbs"},
           {"${format(\"%x\", env)}", "t.yaml:1:3: error: format() supports %s, %d, %v and %%, not %x"},
           {"${length(param.count)}",
            "t.yaml:1:3: error: length() expects a string, list or mapping, got an integer"},
           {"${upper(vpc.id)}",
            "t.yaml:1:3: error: upper() needs values known before apply, but vpc.id is a resource attribute "
            "known "
            "only after apply"},
           {"${lower()}", "t.yaml:1:3: error: lower() takes 1 argument, not 0 (lower(s): s in lower case)"},
           {"${concat()}",
            "t.yaml:1:3: error: concat() takes at least 1 arguments, not 0 (concat(list, list...): one list "
            "of all "
            "items)"},
           {"${web.id}",
            "t.yaml:1:3: error: resource 'web' has a count; write ${web[0].id} for one instance or "
            "${web[*].id} for "
            "all"},
           {"${web[2].id}",
            "t.yaml:1:3: error: index 2 is out of range in ${web[2].id}: resource 'web' has count 2"},
           {"${vpc[0].id}", "t.yaml:1:3: error: resource 'vpc' has no count; write ${vpc.id}"},
           {"a-${web[*].id}",
            "t.yaml:1:5: error: ${web[*].id} is a list and cannot be placed inside a string; use it as the "
            "whole value"},
           {"${param.zone}",
            "t.yaml:1:3: error: unknown parameter 'zone' in ${param.zone} (did you mean 'zones'?)"},
       }) {
    CAPTURE(c.text);
    Evaluation e;
    const Value v = e.run(c.text);
    CHECK(v.is_null());
    CHECK(e.error() == c.error);
  }
}

TEST_CASE("evaluate_node, count may not use resource references") {
  Evaluation e;
  e.run("${vpc.id}", false);
  CHECK(e.error() ==
        "t.yaml:1:3: error: this value must be known before apply; it cannot use the resource reference "
        "${vpc.id}");
}
