#include "dharma/loadtest/builtin_scenarios.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dharma::loadtest {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

Scenario ramp(const std::string& name, std::vector<Stage> stages) {
  Scenario scenario;
  scenario.name = name;
  scenario.executor.type = ExecutorType::ramping_vus;
  scenario.executor.vus = 0;
  scenario.executor.stages = std::move(stages);
  return scenario;
}

Scenario unscaled(const std::string& name) {
  if (name == "baseline") {
    return ramp(name, {{seconds(30), 100}, {minutes(5), 100}});
  }
  if (name == "stress") {
    return ramp(name, {{minutes(2), 1000}, {minutes(5), 1000}, {minutes(2), 1500}, {minutes(5), 1500}, {minutes(2), 0}});
  }
  if (name == "spike") {
    return ramp(name, {{seconds(10), 10000}, {minutes(1), 10000}, {seconds(10), 0}});
  }
  if (name == "soak") {
    Scenario scenario;
    scenario.name = name;
    scenario.executor.type = ExecutorType::constant_vus;
    scenario.executor.vus = 500;
    scenario.executor.duration = minutes(30);
    return scenario;
  }
  throw std::invalid_argument("no built-in scenario " + name);
}

}  // namespace

std::vector<std::string> builtin_scenario_names() { return {"baseline", "stress", "spike", "soak"}; }

std::vector<RequestSpec> default_store_mix() {
  auto request = [](RequestKind kind, double weight) {
    RequestSpec spec;
    spec.kind = kind;
    spec.name = request_kind_name(kind);
    spec.weight = weight;
    return spec;
  };
  return {request(RequestKind::pull, 50), request(RequestKind::pull_uncached, 10), request(RequestKind::list, 15),
          request(RequestKind::quota, 10), request(RequestKind::api_calls, 10), request(RequestKind::push, 5)};
}

Scenario builtin_scenario(const std::string& name, const BuiltinOverrides& overrides) {
  Scenario scenario = unscaled(name);
  auto& executor = scenario.executor;
  if (overrides.vus) {
    if (executor.type == ExecutorType::constant_vus) {
      executor.vus = *overrides.vus;
    } else {
      const double peak = static_cast<double>(executor.peak_vus());
      for (auto& stage : executor.stages) {
        stage.target = std::round(stage.target * *overrides.vus / peak);
      }
    }
  }
  if (overrides.duration) {
    if (executor.type == ExecutorType::constant_vus) {
      executor.duration = *overrides.duration;
    } else {
      const double total = static_cast<double>(executor.total_duration().count());
      for (auto& stage : executor.stages) {
        stage.duration = Duration(static_cast<Duration::rep>(
            std::llround(static_cast<double>(stage.duration.count()) * static_cast<double>(overrides.duration->count()) / total)));
      }
    }
  }
  scenario.target = overrides.target.value_or("store");
  if (scenario.target == "store") {
    scenario.requests = default_store_mix();
  } else {
    RequestSpec get;
    get.kind = RequestKind::http;
    get.name = "get";
    get.http.url = scenario.target;
    scenario.requests = {get};
  }
  Threshold errors;
  errors.text = "rate(errors) < 0.01";
  scenario.thresholds.push_back(errors);
  return scenario;
}

}  // namespace dharma::loadtest
