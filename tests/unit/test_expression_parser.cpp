// The `${...}` parser alone: what each form parses into, where errors point,
// and that to_string prints text that parses back to the same expression.

#include <doctest/doctest.h>

#include "dharma/expr/expression.hpp"
#include "dharma/expr/functions.hpp"

using namespace dharma;

namespace {

expr::ExprPtr single(const std::string& text) {
  const auto parsed = expr::parse_template(text);
  REQUIRE_FALSE(parsed.error.has_value());
  REQUIRE(parsed.value->is_single_expression());
  return parsed.value->parts[0].expression;
}

expr::ParseError error_of(const std::string& text) {
  const auto parsed = expr::parse_template(text);
  REQUIRE(parsed.error.has_value());
  return *parsed.error;
}

}  // namespace

TEST_CASE("expr::parse_template, literal text has no expressions") {
  const auto parsed = expr::parse_template("plain text with $ and { }");
  REQUIRE(parsed.value);
  CHECK_FALSE(parsed.value->has_expressions());
  REQUIRE(parsed.value->parts.size() == 1);
  CHECK(parsed.value->parts[0].literal == "plain text with $ and { }");
}

TEST_CASE("expr::parse_template, $${ is an escaped literal") {
  const auto parsed = expr::parse_template("cost: $${not.an.expression}");
  REQUIRE(parsed.value);
  CHECK_FALSE(parsed.value->has_expressions());
  CHECK(parsed.value->parts[0].literal == "cost: ${not.an.expression}");
  CHECK_FALSE(expr::contains_expression("cost: $${x}"));
  CHECK(expr::contains_expression("a ${x.y}"));
}

TEST_CASE("expr::parse_template, references") {
  SUBCASE("parameter") {
    const auto e = single("${param.web_count}");
    CHECK(e->kind == expr::Expr::Kind::parameter);
    CHECK(e->name == "web_count");
  }
  SUBCASE("env and blueprint.name") {
    CHECK(single("${env}")->kind == expr::Expr::Kind::environment);
    CHECK(single("${ blueprint.name }")->kind == expr::Expr::Kind::blueprint_name);
  }
  SUBCASE("resource attribute, index and splat") {
    const auto plain = single("${vpc.id}");
    CHECK(plain->kind == expr::Expr::Kind::resource_attr);
    CHECK(plain->name == "vpc");
    CHECK(plain->attribute == "id");
    CHECK_FALSE(plain->index.has_value());
    const auto indexed = single("${web[ 2 ].private_ip}");
    CHECK(indexed->index == 2);
    const auto splat = single("${web[*].id}");
    CHECK(splat->splat);
  }
}

TEST_CASE("expr::parse_template, literals and calls") {
  const auto e = single(R"(${format("%s-%d", lower(param.name), 42, -1.5, true)})");
  REQUIRE(e->kind == expr::Expr::Kind::call);
  CHECK(e->name == "format");
  REQUIRE(e->args.size() == 5);
  CHECK(e->args[0]->kind == expr::Expr::Kind::string_literal);
  CHECK(e->args[0]->name == "%s-%d");
  CHECK(e->args[1]->kind == expr::Expr::Kind::call);
  CHECK(e->args[2]->number == 42);
  CHECK(e->args[3]->number == -1.5);
  CHECK(e->args[4]->kind == expr::Expr::Kind::bool_literal);
  CHECK(single("${upper()}")->args.empty());
}

TEST_CASE("expr::parse_template, string escapes and braces inside strings") {
  const auto e = single(R"(${join("}\"\\\n\t", param.zones)})");
  CHECK(e->args[0]->name == "}\"\\\n\t");
}

TEST_CASE("expr::parse_template, interpolation keeps text and expressions in order") {
  const auto parsed = expr::parse_template("web-${param.env}-${vpc.id}!");
  REQUIRE(parsed.value);
  const auto& parts = parsed.value->parts;
  REQUIRE(parts.size() == 5);
  CHECK(parts[0].literal == "web-");
  CHECK(parts[1].expression->name == "env");
  CHECK(parts[2].literal == "-");
  CHECK(parts[3].expression->name == "vpc");
  CHECK(parts[4].literal == "!");
  CHECK_FALSE(parsed.value->is_single_expression());
}

TEST_CASE("expr::parse_template, errors point at the offending column") {
  SUBCASE("unclosed") {
    const auto e = error_of("name-${param.x");
    CHECK(e.column == 5);
    CHECK(e.message == "'${' is not closed with '}'");
  }
  SUBCASE("empty") {
    CHECK(error_of("${  }").message == "empty expression '${}'");
  }
  SUBCASE("trailing garbage") {
    const auto e = error_of("${vpc.id x}");
    CHECK(e.column == 9);
    CHECK(e.message == "unexpected 'x' in expression");
  }
  SUBCASE("param without a name") {
    CHECK(error_of("${param}").message == "expected '.' after 'param' (write ${param.NAME})");
  }
  SUBCASE("resource without attribute") {
    CHECK(error_of("${vpc}").message == "expected '.ATTRIBUTE' after resource 'vpc' (write ${vpc.id})");
  }
  SUBCASE("bad index") {
    CHECK(error_of("${web[x].id}").message == "expected an index or '*' inside [...]");
    CHECK(error_of("${web[99999999999999999999].id}").message == "index is too large");
  }
  SUBCASE("unknown blueprint field") {
    CHECK(error_of("${blueprint.owner}").message ==
          "unknown blueprint field 'owner' (only ${blueprint.name} exists)");
  }
  SUBCASE("string problems") {
    CHECK(error_of(R"(${lower("abc)})").message == "'${' is not closed with '}'");
    CHECK(error_of(R"(${lower("a\qb")})").message == "unknown escape '\\q' in string");
  }
  SUBCASE("malformed number") {
    CHECK(error_of("${lower(1.2.3)}").message == "malformed number '1.2.3'");
  }
  SUBCASE("missing comma") {
    CHECK(error_of("${join(\"-\" param.zones)}").message == "expected ',' or ')' in the arguments of join()");
  }
  SUBCASE("nesting is bounded") {
    std::string deep = "${";
    for (int i = 0; i < 40; ++i) {
      deep += "lower(";
    }
    deep += "\"x\"" + std::string(40, ')') + "}";
    CHECK(error_of(deep).message == "function calls are nested too deeply");
  }
}

TEST_CASE("expr::to_string, prints text that parses back to the same expression") {
  for (const std::string text :
       {"${param.a}", "${env}", "${blueprint.name}", "${vpc.id}", "${web[3].id}", "${web[*].private_ip}",
        R"(${format("%s \"q\" \\", param.a, 1.5, -2, false)})", "${join(\",\", concat(param.l, param.m))}",
        "${default(param.x, \"fallback\")}"}) {
    CAPTURE(text);
    const auto e = single(text);
    const std::string printed = "${" + expr::to_string(*e) + "}";
    const auto again = single(printed);
    CHECK(expr::to_string(*again) == expr::to_string(*e));
  }
  CHECK(expr::to_string(*single("${ lower( param.a ) }")) == "lower(param.a)");
}

TEST_CASE("expr::parse_template, numbers with exponents (found by fuzz_expression)") {
  // to_string prints large numbers as 1e+23; that text must parse back.
  CHECK(single("${1e+23}")->number == 1e23);
  CHECK(single("${-2.5E-3}")->number == -2.5e-3);
  CHECK(expr::to_string(*single("${99999999999999999999999}")) == "1e+23");
  CHECK(error_of("${lower(1e)}").message == "malformed number '1e'");
  // A literal beyond double's range would print as "inf", which is no number.
  CHECK(error_of("${lower(1e999)}").message == "number '1e999' is out of range");
  CHECK(error_of("${-1e999}").message == "number '-1e999' is out of range");
}

TEST_CASE("expr::find_function, knows the blueprint's documented functions and their arity") {
  for (const std::string name :
       {"lower", "upper", "join", "format", "concat", "length", "replace", "trimspace", "default"}) {
    CAPTURE(name);
    CHECK(expr::find_function(name, expr::Language::blueprint) != nullptr);
  }
  CHECK(expr::find_function("eval", expr::Language::blueprint) == nullptr);
  CHECK(expr::find_function("join", expr::Language::blueprint)->min_args == 2);
  CHECK(expr::find_function("format", expr::Language::blueprint)->max_args == -1);
}
