#include <doctest/doctest.h>

#include "dharma/loadtest/scenario_reader.hpp"
#include "dharma/yaml/loader.hpp"

using namespace dharma;
using namespace dharma::loadtest;

namespace {

std::optional<Scenario> read(const std::string& text, util::Diagnostics& diagnostics) {
  const auto document = yaml::load(text, "s.yaml", diagnostics);
  REQUIRE(document != nullptr);
  return read_scenario(*document, "fallback", diagnostics);
}

}  // namespace

TEST_CASE("read_scenario, a complete open-model scenario") {
  util::Diagnostics diagnostics;
  const auto scenario = read(R"(name: pulls
executor:
  type: ramping-arrival-rate
  start_rate: 10
  time_unit: 1s
  stages:
    - {duration: 30s, target: 200}
    - {duration: 1m, target: 200}
  pre_allocated_vus: 50
  max_vus: 400
requests:
  - kind: pull
    weight: 8
    tags: {team: ci}
  - kind: push
    weight: 2
thresholds:
  - p(95) < 10ms
  - threshold: pgbouncer.cl_waiting max < 50
    abort_on_fail: true
    delay_abort_eval: 10s
tags: {env: staging}
tenants: 4
timeout: 2s
)",
                             diagnostics);
  REQUIRE(scenario);
  CHECK_FALSE(diagnostics.has_errors());
  CHECK(scenario->name == "pulls");
  CHECK(scenario->executor.type == ExecutorType::ramping_arrival_rate);
  CHECK(scenario->executor.total_duration() == std::chrono::seconds(90));
  CHECK(scenario->executor.max_vus == 400);
  REQUIRE(scenario->requests.size() == 2);
  CHECK(scenario->requests[0].tags.at("team") == "ci");
  CHECK(scenario->requests[1].kind == RequestKind::push);
  REQUIRE(scenario->thresholds.size() == 2);
  CHECK(scenario->thresholds[1].abort_on_fail);
  CHECK(scenario->thresholds[1].delay_abort_eval == std::chrono::seconds(10));
  CHECK(scenario->thresholds[0].location.line == 18);
  CHECK(scenario->tags.at("env") == "staging");
  CHECK(scenario->tenants == 4);
  CHECK(scenario->timeout == std::chrono::seconds(2));
}

TEST_CASE("read_scenario, stages alone are a ramping-vus executor named after the file") {
  util::Diagnostics diagnostics;
  const auto scenario = read("stages:\n  - {duration: 10s, target: 5}\nrequests:\n  - kind: list\n", diagnostics);
  REQUIRE(scenario);
  CHECK(scenario->name == "fallback");
  CHECK(scenario->executor.type == ExecutorType::ramping_vus);
  CHECK(scenario->executor.peak_vus() == 5);
}

TEST_CASE("read_scenario, every mistake reported at its place") {
  util::Diagnostics diagnostics;
  const auto scenario = read(R"(executor:
  type: constant-vus
  vus: 0
  duration: 5s
  rate: 3
requests:
  - kind: pul
thresholds:
  - p(95) < 10
)",
                             diagnostics);
  CHECK_FALSE(scenario);
  CHECK(diagnostics.error_count() == 4);
}
