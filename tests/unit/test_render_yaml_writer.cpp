#include <doctest/doctest.h>

#include "dharma/render/yaml_writer.hpp"

using namespace dharma::render::yaml_out;
using Json = nlohmann::ordered_json;

TEST_CASE("yaml_out::scalar, quotes anything a YAML reader could misread") {
  CHECK(scalar("nginx") == "nginx");
  CHECK(scalar("app.kubernetes.io/name") == "app.kubernetes.io/name");
  CHECK(scalar("true") == "\"true\"");
  CHECK(scalar("No") == "\"No\"");
  CHECK(scalar("1.25") == "\"1.25\"");
  CHECK(scalar("") == "\"\"");
  CHECK(scalar("a: b") == "\"a: b\"");
  CHECK(scalar("# not a comment") == "\"# not a comment\"");
  CHECK(scalar("line\nbreak \"q\"") == "\"line\\nbreak \\\"q\\\"\"");
  CHECK(scalar("nginx:1.25") == "\"nginx:1.25\"");
}

TEST_CASE("yaml_out::write_yaml, writes block style with sequences at key indentation") {
  const Json object = Json::parse(R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"web","labels":{}},
    "spec":{"ports":[{"port":80,"protocol":"TCP"}],"selector":{"app":"web"},"ips":["a","b"],"none":[]}})");
  CHECK(write_yaml(object) ==
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
        "  none: []\n");
}
