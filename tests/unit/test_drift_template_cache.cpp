// The differ's template cache: an evaluation is reused only in the same
// module and count index, and gives what evaluating afresh gives.

#include <doctest/doctest.h>

#include "dharma/drift/template_value.hpp"
#include "dharma/drift/terraform_state.hpp"

using namespace dharma::drift;
using nlohmann::json;

TEST_CASE("TemplateCache, one evaluation per text, module and count index") {
  ActualState state;
  read_terraform_state(R"({"version": 4, "resources": [
    {"mode": "managed", "type": "aws_instance", "name": "web", "instances": [
      {"index_key": 0, "attributes": {"id": "i-0"}}, {"index_key": 1, "attributes": {"id": "i-1"}}]},
    {"mode": "managed", "module": "module.app", "type": "aws_vpc", "name": "vpc", "instances": [{"attributes": {"id": "vpc-app"}}]},
    {"mode": "managed", "type": "aws_vpc", "name": "vpc", "instances": [{"attributes": {"id": "vpc-root"}}]}]})",
                       "t.tfstate", state);
  const json variables = json::object();
  TemplateCache cache;
  auto evaluate = [&](const std::string& text, std::optional<long long> index, const std::string& module,
                      bool cached) {
    const TemplateScope scope{&state, index, &variables, module, cached ? &cache : nullptr};
    return evaluate_rendered(json(text), scope);
  };
  const std::string by_index = "${aws_instance.web[count.index].id}";
  for (int round = 0; round < 2; ++round) {
    CHECK(evaluate(by_index, 0, "", true) == "i-0");
    CHECK(evaluate(by_index, 1, "", true) == "i-1");
    CHECK(evaluate("${aws_vpc.vpc.id}", std::nullopt, "module.app", true) == "vpc-app");
    CHECK(evaluate("${aws_vpc.vpc.id}", std::nullopt, "", true) == "vpc-root");
  }
  CHECK(cache.values.size() == 4);
  CHECK(evaluate("${aws_vpc.vpc.id}-x", std::nullopt, "", true) ==
        evaluate("${aws_vpc.vpc.id}-x", std::nullopt, "", false));
  CHECK(is_unknown(evaluate("${aws_instance.nothing.id}", std::nullopt, "", true)));
  CHECK(is_unknown(evaluate("${aws_instance.nothing.id}", std::nullopt, "", true)));
}
