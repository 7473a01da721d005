// yaml::to_yaml must quote every string that YAML would otherwise read as
// something else, so that what `blueprint show` prints parses back with
// yaml::load to exactly the same data.

#include <doctest/doctest.h>

#include "dharma/blueprint/json_view.hpp"
#include "dharma/value/literal.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/writer.hpp"

using namespace dharma;
using json = nlohmann::ordered_json;

namespace {

json round_trip(const json& data) {
  const std::string text = yaml::to_yaml(data);
  CAPTURE(text);
  util::Diagnostics diagnostics;
  const auto node = yaml::load(text, "show.yaml", diagnostics);
  REQUIRE(node);
  for (const auto& d : diagnostics.all()) {
    FAIL_CHECK(util::format_diagnostic(d));
  }
  return blueprint::value_to_json(value::literal_value(*node), true);
}

}  // namespace

TEST_CASE("yaml::to_yaml, strings that look like other types stay strings") {
  for (const std::string text : {"",
                                 " ",
                                 "true",
                                 "false",
                                 "True",
                                 "yes",
                                 "no",
                                 "on",
                                 "off",
                                 "y",
                                 "n",
                                 "null",
                                 "Null",
                                 "~",
                                 "0",
                                 "007",
                                 "1.0",
                                 "-1",
                                 "+1",
                                 "0x1F",
                                 "0o17",
                                 "1e3",
                                 ".5",
                                 ".inf",
                                 "-.inf",
                                 ".nan",
                                 "1_000",
                                 "2026-06-30",
                                 "12:30:00",
                                 "a: b",
                                 "a:b",
                                 "- x",
                                 "-",
                                 "? x",
                                 "#comment",
                                 "a #b",
                                 "x#y",
                                 "[a]",
                                 "{a: 1}",
                                 "*alias",
                                 "&anchor",
                                 "!tag",
                                 "%directive",
                                 "@at",
                                 "`tick",
                                 "|",
                                 ">",
                                 "'single'",
                                 "\"double\"",
                                 "back\\slash",
                                 "line\nbreak",
                                 "tab\there",
                                 "trailing ",
                                 " leading",
                                 "ünïcödé ✓",
                                 "${vpc.id}",
                                 "$${escaped}",
                                 "---",
                                 "...",
                                 "control\x01char",
                                 "a,b",
                                 "https://x.example/a?b=c&d=e"}) {
    CAPTURE(text);
    const json data = {{"key", text}, {"list", json::array({text})}};
    CHECK(round_trip(data) == data);
  }
}

TEST_CASE("yaml::to_yaml, numbers, booleans, null and nesting round-trip") {
  const json data = {
      {"int", 42},
      {"negative", -7},
      {"big", 9007199254740993LL},
      {"float", 0.1},
      {"whole_float", 2.5},
      {"tiny", 1e-300},
      {"yes", true},
      {"nothing", nullptr},
      {"empty_list", json::array()},
      {"empty_map", json::object()},
      {"nested", {{"list", json::array({1, json::array({2, 3}), {{"k", "v"}}})}}},
      {"key: with colon", "v"},
      {"true", "key that looks like a boolean"},
  };
  CHECK(round_trip(data) == data);
}

TEST_CASE("yaml::quote_scalar, leaves ordinary words plain") {
  CHECK(yaml::quote_scalar("t3.medium") == "t3.medium");
  CHECK(yaml::quote_scalar("true") != "true");
}

TEST_CASE(
    "yaml::quote_scalar, conservative quoting for manifests quotes anything a YAML 1.1 reader could "
    "misread") {
  using yaml::Quoting;
  CHECK(yaml::quote_scalar("nginx", Quoting::conservative) == "nginx");
  CHECK(yaml::quote_scalar("app.kubernetes.io/name", Quoting::conservative) == "app.kubernetes.io/name");
  CHECK(yaml::quote_scalar("true", Quoting::conservative) == "\"true\"");
  CHECK(yaml::quote_scalar("No", Quoting::conservative) == "\"No\"");
  CHECK(yaml::quote_scalar("1.25", Quoting::conservative) == "\"1.25\"");
  CHECK(yaml::quote_scalar("", Quoting::conservative) == "\"\"");
  CHECK(yaml::quote_scalar("a: b", Quoting::conservative) == "\"a: b\"");
  CHECK(yaml::quote_scalar("# not a comment", Quoting::conservative) == "\"# not a comment\"");
  CHECK(yaml::quote_scalar("line\nbreak \"q\"", Quoting::conservative) == "\"line\\nbreak \\\"q\\\"\"");
  CHECK(yaml::quote_scalar("nginx:1.25", Quoting::conservative) == "\"nginx:1.25\"");
  // The same text is plain where a YAML 1.2 reader cannot misread it.
  CHECK(yaml::quote_scalar("nginx:1.25") == "nginx:1.25");
  CHECK(yaml::quote_scalar("ctrl\x01", Quoting::conservative) == "\"ctrl\\x01\"");
}

TEST_CASE("yaml::to_yaml, block style with sequences at their key's indentation") {
  const json object =
      json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{}},
    "spec":{"ports":[{"port":80,"protocol":"TCP"}],"selector":{"app":"web"},"ips":["a","b"],"none":[]}})");
  const std::string expected =
      "apiVersion: v1\n"
      "kind: Service\n"
      "metadata:\n"
      "  name: web\n"
      "  labels: {}\n"
      "spec:\n"
      "  ports:\n"
      "  - port: 80\n"
      "    protocol: TCP\n"
      "  selector:\n"
      "    app: web\n"
      "  ips:\n"
      "  - a\n"
      "  - b\n"
      "  none: []\n";
  CHECK(yaml::to_yaml(object) == expected);
  CHECK(yaml::to_yaml(object, yaml::Quoting::conservative) == expected);
}

TEST_CASE("yaml::to_yaml, a scalar or empty document is one line") {
  CHECK(yaml::to_yaml(json::object()) == "{}\n");
  CHECK(yaml::to_yaml(json::array()) == "[]\n");
  CHECK(yaml::to_yaml(json("true")) == "\"true\"\n");
  CHECK(yaml::to_yaml(json(nullptr)) == "null\n");
}

TEST_CASE(
    "yaml::quote_scalar, quotes and escapes C1 controls and the Unicode line breaks of YAML 1.1 readers") {
  CHECK(yaml::quote_scalar("a\xe2\x80\xa8kind: Secret") == "\"a\\Lkind: Secret\"");
  CHECK(yaml::quote_scalar("a\xe2\x80\xa9"
                           "b") == "\"a\\Pb\"");
  CHECK(yaml::quote_scalar("a\xc2\x85"
                           "b") == "\"a\\Nb\"");
  CHECK(yaml::quote_scalar("csi\xc2\x9b"
                           "31m") == "\"csi\\x9b31m\"");
  CHECK(yaml::quote_scalar("\xef\xbb\xbf"
                           "bom") == "\"\\uFEFFbom\"");
  CHECK(yaml::quote_scalar("caf\xc3\xa9") == "caf\xc3\xa9");
}

TEST_CASE("yaml::quote_scalar, quotes the YAML 1.1 merge key") {
  CHECK(yaml::quote_scalar("<<") == "\"<<\"");
  CHECK(yaml::quote_scalar("<<", yaml::Quoting::conservative) == "\"<<\"");
}
