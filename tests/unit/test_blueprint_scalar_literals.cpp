// The evaluator reads a scalar without `$` on a fast path (a plain scalar
// that starts with a letter other than t, f or n is a string without asking
// the YAML core schema); these cases check it against the schema's own
// reading (value::scalar_value) on the scalars where the two could differ.

#include <doctest/doctest.h>

#include "dharma/blueprint/evaluator.hpp"
#include "dharma/util/text.hpp"
#include "dharma/value/literal.hpp"

using namespace dharma;
using namespace dharma::blueprint;

namespace {

yaml::NodePtr scalar_node(const std::string& text, bool plain) {
  auto node = std::make_shared<yaml::Node>();
  node->kind = yaml::Kind::scalar;
  node->scalar = text;
  node->plain = plain;
  node->file = yaml::intern_file_name("t.yaml");
  node->line = 1;
  node->column = 1;
  return node;
}

}  // namespace

TEST_CASE("evaluating a scalar without expressions gives what the YAML core schema reads") {
  const std::vector<std::string> texts{
      "",          "~",
      "null",      "Null",
      "NULL",      "nil",
      "nope",      "n",
      "N",         "true",
      "True",      "TRUE",
      "tRUE",      "t",
      "t3.medium", "false",
      "False",     "FALSE",
      "f",         "fast",
      "yes",       "no",
      "on",        "off",
      "Y",         "abc",
      "Zone",      "e5",
      "E5",        "inf",
      "Infinity",  "nan",
      "NaN",       ".inf",
      ".5",        "5.",
      "1e3",       "1E-3",
      "+5",        "-3",
      "0",         "007",
      "0x1F",      "0o17",
      "443",       "9223372036854775808",
      "1e999",     "10.0.0.0/24",
      "us-east-1", "a b",
      "_x",        "é",
      "-",         "+",
      ".",         "$5",
      "a$$b",      "$${x}",
      "x$${env}",
  };
  util::Diagnostics diagnostics;
  EvalContext context;
  context.diagnostics = &diagnostics;
  for (const bool plain : {true, false}) {
    for (const auto& text : texts) {
      CAPTURE(text);
      CAPTURE(plain);
      const auto node = scalar_node(text, plain);
      const Value got = evaluate_node(*node, context);
      Value expected = plain ? value::scalar_value(*node) : Value::string(text);
      if (text.find("$${") != std::string::npos) {
        expected = Value::string(util::replace_all(text, "$${", "${"));
      }
      CHECK(got.kind() == expected.kind());
      CHECK(got.same_data(expected));
      CHECK(got.origin == node.get());
      CHECK(got.expression == nullptr);
    }
  }
  CHECK_FALSE(diagnostics.has_errors());
}
