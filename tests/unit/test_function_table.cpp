// The one `${...}` function table: both evaluators implement exactly the
// names it allows them, names shared by both languages are allowed in both,
// arity errors read the same in both, and the function lists in
// docs/blueprint.md and docs/catalog.md are the table's rows.

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "dharma/blueprint/functions.hpp"
#include "dharma/catalog/mapping_template.hpp"
#include "dharma/expr/format_spec.hpp"
#include "dharma/expr/functions.hpp"
#include "dharma/render/mapping_functions.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/loader.hpp"

using namespace dharma;
using expr::Language;

namespace {

std::set<std::string> as_set(const std::vector<std::string>& names) {
  return {names.begin(), names.end()};
}

// The markdown table a doc holds between `<!-- functions:LANGUAGE -->` and
// `<!-- /functions -->`: one row per function, its signature and result.
std::string documented_table(const std::string& doc, const std::string& language) {
  std::ifstream in(std::string(DHARMA_SOURCE_DIR) + "/docs/" + doc);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const std::string open = "<!-- functions:" + language + " -->\n";
  const auto begin = all.find(open);
  const auto end = all.find("<!-- /functions -->", begin);
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  return all.substr(begin + open.size(), end - begin - open.size());
}

std::string table_rows(Language language) {
  std::string out = "| function | result |\n|---|---|\n";
  for (const auto& function : expr::function_table()) {
    if (!function.allowed(language)) {
      continue;
    }
    const std::string summary = function.summary;
    const auto split = summary.find("): ");
    REQUIRE_MESSAGE(split != std::string::npos, "summary is not 'name(args): result': " << summary);
    out += "| `" + summary.substr(0, split + 1) + "` | " + summary.substr(split + 3) + " |\n";
  }
  return out;
}

// Compiles one mapping scalar and returns the catalog's messages for it.
std::vector<std::string> mapping_errors(const std::string& scalar) {
  util::Diagnostics diagnostics;
  const auto node = yaml::load("x: '" + scalar + "'\n", "m.yaml", diagnostics);
  REQUIRE(node);
  catalog::compile_template(node->entries[0].second, diagnostics);
  std::vector<std::string> out;
  for (const auto& d : diagnostics.sorted()) {
    out.push_back(d.message);
  }
  return out;
}

}  // namespace

TEST_CASE("function table, each evaluator implements exactly the names its language allows") {
  CHECK(as_set(blueprint::implemented_functions()) == as_set(expr::function_names(Language::blueprint)));
  CHECK(as_set(render::implemented_mapping_functions()) == as_set(expr::function_names(Language::mapping)));
  CHECK(blueprint::implemented_functions().size() == expr::function_names(Language::blueprint).size());
  CHECK(render::implemented_mapping_functions().size() == expr::function_names(Language::mapping).size());
}

TEST_CASE("function table, names are unique and every summary starts with the name") {
  std::set<std::string> seen;
  for (const auto& function : expr::function_table()) {
    CAPTURE(function.name);
    CHECK(seen.insert(function.name).second);
    CHECK(std::string(function.summary).rfind(std::string(function.name) + "(", 0) == 0);
    CHECK(function.min_args >= 0);
    CHECK((function.max_args < 0 || function.max_args >= function.min_args));
  }
}

TEST_CASE("function table, a name shared by both languages is one function allowed in both") {
  for (const std::string name : {"default", "format", "lower"}) {
    CAPTURE(name);
    CHECK(expr::find_function(name, Language::blueprint) == expr::find_function(name, Language::mapping));
    REQUIRE(expr::find_function(name, Language::mapping) != nullptr);
  }
  // concat is Terraform's list concatenation, which blueprint calls are rendered as; mappings build strings
  // with format().
  CHECK(expr::find_function("concat", Language::blueprint) != nullptr);
  CHECK(expr::find_function("concat", Language::mapping) == nullptr);
  CHECK(expr::find_function("if", Language::blueprint) == nullptr);
  CHECK(expr::find_function("if", Language::mapping) != nullptr);
  CHECK(expr::find_function("default", Language::both)->max_args == -1);
}

TEST_CASE("function table, arity in messages") {
  CHECK(expr::find_function("lower", Language::both)->arity() == "1");
  CHECK(expr::find_function("dns_name", Language::mapping)->arity() == "1 to 2");
  CHECK(expr::find_function("default", Language::both)->arity() == "at least 2");
  CHECK(expr::find_function("join", Language::blueprint)->arity_error(1) ==
        "join() takes 2 arguments, not 1 (join(separator, list): the list's items joined by separator)");
  CHECK(expr::find_function("lower", Language::both)->arity_error(0) ==
        "lower() takes 1 argument, not 0 (lower(s): s in lower case)");
}

TEST_CASE("compile_template, unknown mapping functions and wrong arity are reported from the table") {
  CHECK(mapping_errors("${concat(a, b)}") == std::vector<std::string>{"unknown mapping function 'concat'"});
  CHECK(mapping_errors("${lowerr(a)}") ==
        std::vector<std::string>{"unknown mapping function 'lowerr' (did you mean 'lower'?)"});
  CHECK(mapping_errors("${substr(a, 1)}") ==
        std::vector<std::string>{
            "substr() takes 3 arguments, not 2 (substr(x, start, length): part of a string)"});
  CHECK(mapping_errors("${default(a)}") ==
        std::vector<std::string>{
            "default() takes at least 2 arguments, not 1 (default(x, fallback...): the first "
            "argument that is neither null nor the empty string)"});
  CHECK(mapping_errors("${list()}").empty());
  CHECK(mapping_errors("${format(\"%s-%s\", a, b)}").empty());
}

TEST_CASE("blueprint::apply_function, default skips null and empty strings, else gives the last") {
  using value::Value;
  CHECK(blueprint::apply_function("default", {Value(), Value::string(""), Value::string("c")}).as_string() ==
        "c");
  CHECK(blueprint::apply_function("default", {Value::string("a"), Value::string("b")}).as_string() == "a");
  CHECK(blueprint::apply_function("default", {Value::integer(0), Value::string("b")}).as_integer() == 0);
  CHECK(blueprint::apply_function("default", {Value(), Value::string("")}).as_string().empty());
  CHECK_THROWS_AS(blueprint::apply_function("eval", {}), blueprint::FunctionError);
}

TEST_CASE("expr::parse_format, splits a spec into text and arguments") {
  const auto pieces = expr::parse_format("%s-%d%%x%v", 3);
  REQUIRE(pieces.size() == 5);
  CHECK(pieces[0].verb == 's');
  CHECK(pieces[0].argument == 1);
  CHECK(pieces[1].literal == "-");
  CHECK(pieces[2].verb == 'd');
  CHECK(pieces[3].literal == "%x");
  CHECK(pieces[4].argument == 3);
  CHECK(expr::parse_format("plain", 0).size() == 1);
  CHECK(expr::parse_format("", 0).empty());
  CHECK_THROWS_WITH_AS(expr::parse_format("a%", 0), "format() spec ends with a lone '%'", expr::FormatError);
  CHECK_THROWS_WITH_AS(expr::parse_format("%q", 1), "format() supports %s, %d, %v and %%, not %q",
                       expr::FormatError);
  CHECK_THROWS_WITH_AS(expr::parse_format("%s%s", 1), "format() has more verbs than arguments",
                       expr::FormatError);
  CHECK_THROWS_WITH_AS(expr::parse_format("%s", 2), "format() has more arguments than verbs",
                       expr::FormatError);
}

TEST_CASE("docs, the blueprint's function list is the table's") {
  CHECK(documented_table("blueprint.md", "blueprint") == table_rows(Language::blueprint));
}

TEST_CASE("docs, the mapping templates' function list is the table's") {
  CHECK(documented_table("catalog.md", "mapping") == table_rows(Language::mapping));
}
