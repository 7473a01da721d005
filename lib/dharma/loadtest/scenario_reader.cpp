#include "dharma/loadtest/scenario_reader.hpp"

#include <filesystem>

#include "dharma/loadtest/threshold_expression.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::loadtest {
namespace {

using std::chrono::hours;
using std::chrono::nanoseconds;
using yaml::MapReader;
using yaml::Need;

constexpr long long k_max_vus = 100'000;
constexpr double k_max_rate = 1'000'000;
constexpr nanoseconds k_max_run = hours(24 * 7);

std::vector<Stage> read_stages(const yaml::Node& list, double max_target, util::Diagnostics& diagnostics) {
  std::vector<Stage> stages;
  if (!yaml::expect_sequence(list, "stages", diagnostics)) {
    return stages;
  }
  if (list.items.empty()) {
    diagnostics.error(list.location(), "stages must hold at least one stage");
  }
  for (const auto& item : list.items) {
    MapReader stage(*item, "stage", diagnostics);
    stage.allow_only({"duration", "target"});
    Stage read;
    read.duration = stage.duration("duration", nanoseconds{0}, k_max_run, Need::required).value_or(nanoseconds{});
    read.target = stage.number("target", 0, max_target, Need::required).value_or(0);
    stages.push_back(read);
  }
  return stages;
}

Executor read_executor(const yaml::Node& node, util::Diagnostics& diagnostics) {
  Executor executor;
  MapReader map(node, "executor", diagnostics);
  const auto type_name = map.choice("type", executor_type_names(), Need::required);
  if (!type_name) {
    map.allow_only({"type", "vus", "duration", "stages", "rate", "start_rate", "time_unit", "pre_allocated_vus",
                    "max_vus"});
    return executor;
  }
  executor.type = *executor_type_from_name(*type_name);
  switch (executor.type) {
    case ExecutorType::constant_vus:
      map.allow_only({"type", "vus", "duration"});
      executor.vus = static_cast<int>(map.integer("vus", 1, k_max_vus, Need::required).value_or(1));
      executor.duration = map.duration("duration", std::chrono::seconds(1), k_max_run, Need::required).value_or(nanoseconds{});
      break;
    case ExecutorType::ramping_vus:
      map.allow_only({"type", "vus", "stages"});
      executor.vus = static_cast<int>(map.integer("vus", 0, k_max_vus).value_or(0));
      if (const auto* stages = map.node("stages", Need::required)) {
        executor.stages = read_stages(*stages, k_max_vus, diagnostics);
      }
      break;
    case ExecutorType::constant_arrival_rate:
    case ExecutorType::ramping_arrival_rate: {
      const bool constant = executor.type == ExecutorType::constant_arrival_rate;
      if (constant) {
        map.allow_only({"type", "rate", "time_unit", "duration", "pre_allocated_vus", "max_vus"});
        executor.rate = map.number("rate", 0, k_max_rate, Need::required).value_or(0);
        executor.duration =
            map.duration("duration", std::chrono::seconds(1), k_max_run, Need::required).value_or(nanoseconds{});
      } else {
        map.allow_only({"type", "start_rate", "time_unit", "stages", "pre_allocated_vus", "max_vus"});
        executor.start_rate = map.number("start_rate", 0, k_max_rate).value_or(0);
        if (const auto* stages = map.node("stages", Need::required)) {
          executor.stages = read_stages(*stages, k_max_rate, diagnostics);
        }
      }
      executor.time_unit =
          map.duration("time_unit", std::chrono::milliseconds(1), hours(1)).value_or(std::chrono::seconds(1));
      executor.pre_allocated_vus =
          static_cast<int>(map.integer("pre_allocated_vus", 1, k_max_vus, Need::required).value_or(1));
      executor.max_vus = static_cast<int>(map.integer("max_vus", 1, k_max_vus).value_or(executor.pre_allocated_vus));
      if (executor.max_vus < executor.pre_allocated_vus) {
        if (const auto* max_node = map.node("max_vus")) {
          map.error(*max_node, "max_vus in executor must be at least pre_allocated_vus (" +
                                   std::to_string(executor.pre_allocated_vus) + ")");
        }
      }
      break;
    }
  }
  return executor;
}

std::map<std::string, std::string> read_tags(const yaml::Node* node, util::Diagnostics& diagnostics) {
  std::map<std::string, std::string> tags;
  if (node == nullptr) {
    return tags;
  }
  for (const auto& [key, value] : node->entries) {
    if (!value->is_scalar() || value->scalar.empty()) {
      diagnostics.error(value->location(), "tag '" + key->scalar + "' must have a non-empty text value");
      continue;
    }
    if (key->scalar.find_first_of(":{} ,") != std::string::npos ||
        value->scalar.find_first_of("{},") != std::string::npos) {
      diagnostics.error(key->location(), "tag '" + key->scalar + "' may not contain ':', '{', '}', ',' or spaces");
      continue;
    }
    if (key->scalar == "kind") {
      diagnostics.error(key->location(), "the tag 'kind' is set by dharma to the request kind");
      continue;
    }
    tags[key->scalar] = value->scalar;
  }
  return tags;
}

RequestSpec read_request(const yaml::Node& node, util::Diagnostics& diagnostics) {
  RequestSpec request;
  MapReader map(node, "request", diagnostics);
  const auto kind = map.choice("kind", request_kind_names(), Need::required);
  request.kind = kind ? *request_kind_from_name(*kind) : RequestKind::pull;
  if (request.kind == RequestKind::http) {
    map.allow_only({"kind", "weight", "tags", "name", "method", "url", "headers", "body", "expect_status"});
    request.http.method = map.choice("method", {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"}).value_or("GET");
    request.http.url = map.string("url", Need::required).value_or("");
    request.http.body = map.string("body").value_or("");
    request.http.expect_status = static_cast<long>(map.integer("expect_status", 100, 599).value_or(200));
    if (const auto* headers = map.mapping("headers")) {
      for (const auto& [key, value] : headers->entries) {
        if (!value->is_scalar() || key->scalar.find_first_of(":\r\n") != std::string::npos ||
            value->scalar.find_first_of("\r\n") != std::string::npos) {
          diagnostics.error(key->location(), "header '" + key->scalar + "' must be a one-line text value");
          continue;
        }
        request.http.headers.push_back(key->scalar + ": " + value->scalar);
      }
    }
  } else {
    map.allow_only({"kind", "weight", "tags", "name"});
  }
  request.name = map.string("name").value_or(kind.value_or("pull"));
  request.weight = map.number("weight", 0, 1e9).value_or(1);
  request.tags = read_tags(map.mapping("tags"), diagnostics);
  return request;
}

Threshold read_threshold(const yaml::Node& node, util::Diagnostics& diagnostics) {
  Threshold threshold;
  const yaml::Node* text = &node;
  if (node.is_map()) {
    MapReader map(node, "threshold", diagnostics);
    map.allow_only({"threshold", "abort_on_fail", "delay_abort_eval"});
    text = map.node("threshold", Need::required);
    threshold.abort_on_fail = map.boolean("abort_on_fail").value_or(false);
    threshold.delay_abort_eval = map.duration("delay_abort_eval", nanoseconds{0}, k_max_run).value_or(nanoseconds{});
    if (text == nullptr) {
      return threshold;
    }
  }
  threshold.location = text->location();
  if (!text->is_scalar()) {
    diagnostics.error(text->location(), "a threshold is a text such as 'p(95) < 10ms', not a " + text->kind_name());
    return threshold;
  }
  threshold.text = text->scalar;
  std::string error;
  if (!parse_threshold(threshold.text, error)) {
    diagnostics.error(text->location(), "threshold '" + threshold.text + "': " + error);
  }
  return threshold;
}

}  // namespace

std::optional<Scenario> read_scenario(const yaml::Node& document, const std::string& name,
                                      util::Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.error_count();
  Scenario scenario;
  MapReader map(document, "scenario", diagnostics);
  map.allow_only({"name", "target", "executor", "stages", "requests", "thresholds", "tags", "tenants", "timeout",
                  "think_time"});
  scenario.name = map.string("name").value_or(name);
  scenario.target = map.string("target").value_or("store");
  if (scenario.target != "store" && scenario.target.rfind("http://", 0) != 0 &&
      scenario.target.rfind("https://", 0) != 0) {
    map.error(*map.node("target"), "target in scenario must be 'store' or an http:// or https:// URL, not '" +
                                       scenario.target + "'");
  }
  const auto* executor = map.node("executor");
  const auto* stages = map.node("stages");
  if (executor != nullptr && stages != nullptr) {
    map.error(*stages, "a scenario has either 'executor' or 'stages' (a ramping-vus executor), not both");
    read_executor(*executor, diagnostics);
    read_stages(*stages, static_cast<double>(k_max_vus), diagnostics);
  } else if (executor != nullptr) {
    scenario.executor = read_executor(*executor, diagnostics);
  } else if (stages != nullptr) {
    scenario.executor.type = ExecutorType::ramping_vus;
    scenario.executor.vus = 0;
    scenario.executor.stages = read_stages(*stages, static_cast<double>(k_max_vus), diagnostics);
  } else if (map.is_map()) {
    diagnostics.error(document.location(), "scenario is missing required key 'executor' (or 'stages')");
  }
  if (const auto* requests = map.sequence("requests", Need::required)) {
    if (requests->items.empty()) {
      diagnostics.error(requests->location(), "requests must hold at least one request");
    }
    double total_weight = 0;
    for (const auto& item : requests->items) {
      scenario.requests.push_back(read_request(*item, diagnostics));
      total_weight += scenario.requests.back().weight;
    }
    if (!requests->items.empty() && total_weight <= 0) {
      diagnostics.error(requests->location(), "the weights of requests add up to 0: nothing would be sent");
    }
  }
  if (const auto* thresholds = map.sequence("thresholds")) {
    for (const auto& item : thresholds->items) {
      scenario.thresholds.push_back(read_threshold(*item, diagnostics));
    }
  }
  scenario.tags = read_tags(map.mapping("tags"), diagnostics);
  scenario.tenants = static_cast<int>(map.integer("tenants", 1, 1000).value_or(10));
  scenario.timeout = map.duration("timeout", std::chrono::milliseconds(1), hours(1)).value_or(std::chrono::seconds(10));
  scenario.think_time = map.duration("think_time", nanoseconds{0}, hours(1)).value_or(nanoseconds{});
  for (const auto& request : scenario.requests) {
    const bool http = request.kind == RequestKind::http;
    if (http && scenario.target == "store" && request.http.url.rfind("http", 0) != 0) {
      diagnostics.error(document.location(), "request '" + request.name +
                                                 "' has a relative url but the scenario's target is the store; "
                                                 "set target: http://HOST:PORT");
    }
  }
  if (diagnostics.error_count() > errors_before) {
    return std::nullopt;
  }
  return scenario;
}

std::optional<Scenario> load_scenario(const std::string& path, util::Diagnostics& diagnostics) {
  const auto document = yaml::load_file(path, diagnostics);
  if (!document) {
    return std::nullopt;
  }
  return read_scenario(*document, std::filesystem::path(path).stem().string(), diagnostics);
}

}  // namespace dharma::loadtest
