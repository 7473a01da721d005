// libFuzzer target for the `${...}` expression language: arbitrary bytes are
// parsed as a scalar's template and, when they parse, evaluated against a
// small fixed world (parameters of every type, a plain and a counted
// resource of catalog types). Besides "no crash, no sanitizer report", it
// checks that printing a parsed expression and parsing the text again gives
// the same expression (expr::to_string is what messages and `show` print).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "dharma/blueprint/evaluator.hpp"
#include "dharma/catalog/catalog.hpp"
#include "dharma/expr/expression.hpp"
#include "dharma/yaml/node.hpp"

namespace {

using namespace dharma;
using namespace dharma::blueprint;

struct World {
  catalog::Catalog catalog;
  std::vector<ResolvedParameter> parameters;
  ResourceInfos resources;
};

ResolvedParameter parameter(const std::string& name, Value value, bool sensitive = false) {
  ResolvedParameter p;
  p.name = name;
  p.value = std::move(value);
  p.sensitive = sensitive;
  return p;
}

const World& world() {
  static const World w = [] {
    World made;
    util::Diagnostics problems;
    made.catalog = catalog::Catalog::load(DHARMA_FUZZ_TEMPLATES, problems);
    if (problems.has_errors()) {
      std::fprintf(stderr, "fuzz_expression: the catalog in %s does not load\n", DHARMA_FUZZ_TEMPLATES);
      std::abort();
    }
    made.parameters.push_back(parameter("name", Value::string("Shop Web")));
    made.parameters.push_back(parameter("count", Value::integer(3)));
    made.parameters.push_back(parameter("ratio", Value::number(0.5)));
    made.parameters.push_back(parameter("enabled", Value::boolean(true)));
    made.parameters.push_back(parameter("zones", Value::list({Value::string("a"), Value::string("b")})));
    made.parameters.push_back(parameter("password", Value::string("s3cret"), true));
    Map labels;
    labels.emplace_back("team", Value::string("web"));
    made.parameters.push_back(parameter("labels", Value::map(std::move(labels))));
    made.resources["vpc"] =
        ResourceInfo{"network.vpc", made.catalog.find_type("network.vpc"), std::nullopt, false};
    made.resources["web"] =
        ResourceInfo{"compute.instance", made.catalog.find_type("compute.instance"), 2, true};
    made.resources["role"] = ResourceInfo{"aws_iam_role", nullptr, std::nullopt, false};
    return made;
  }();
  return w;
}

void check_round_trip(const expr::Template& parsed, const std::string& input) {
  for (const auto& part : parsed.parts) {
    if (!part.expression) {
      continue;
    }
    const std::string printed = expr::to_string(*part.expression);
    const auto again = expr::parse_template("${" + printed + "}");
    if (again.error || !again.value->is_single_expression() ||
        expr::to_string(*again.value->parts[0].expression) != printed) {
      std::fprintf(stderr, "fuzz_expression: '%s' prints as '%s', which does not parse back to itself\n",
                   input.c_str(), printed.c_str());
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto parsed = expr::parse_template(text);
  if (parsed.value) {
    check_round_trip(*parsed.value, text);
  }
  auto node = std::make_shared<yaml::Node>();
  node->kind = yaml::Kind::scalar;
  node->scalar = text;
  node->plain = size % 2 == 0;  // both plain and quoted scalars
  node->file = yaml::intern_file_name("fuzz.yaml");
  node->line = 1;
  node->column = 1;
  util::Diagnostics diagnostics;
  std::set<std::string> references;
  EvalContext context;
  context.parameters = &world().parameters;
  context.resources = &world().resources;
  context.environment = "prod";
  context.blueprint_name = "fuzz";
  context.current_resource = "role";
  context.references = &references;
  context.diagnostics = &diagnostics;
  context.allow_references = size % 3 != 0;
  (void)evaluate_node(*node, context);
  return 0;
}
