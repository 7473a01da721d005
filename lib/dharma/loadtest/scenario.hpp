#pragma once
// A load-test scenario: who arrives when (the executor), what each
// iteration asks (a weighted mix of requests), and what must hold
// (thresholds). Built-in scenarios (builtin_scenarios.hpp) and scenario
// files (scenario_reader.hpp) both produce this.
//
// Closed model (constant-vus, ramping-vus): N VUs each loop request after
// request; the offered load falls when the server slows. Open model
// (constant-arrival-rate, ramping-arrival-rate): iterations start on a
// schedule whatever the server does, taken by a free VU from a pool; when
// none is free the iteration is dropped and counted (dropped_iterations).

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dharma/util/source_location.hpp"

namespace dharma::loadtest {

using Duration = std::chrono::nanoseconds;

enum class ExecutorType { constant_vus, ramping_vus, constant_arrival_rate, ramping_arrival_rate };

// A ramp to `target` (VUs, or iterations per time unit) over `duration`.
struct Stage {
  Duration duration{};
  double target = 0;
};

struct Executor {
  ExecutorType type = ExecutorType::constant_vus;
  int vus = 1;                // constant-vus: VUs; ramping-vus: VUs at the start
  Duration duration{};        // constant-*: how long
  std::vector<Stage> stages;  // ramping-*
  double rate = 0;            // constant-arrival-rate: iterations per time_unit
  double start_rate = 0;      // ramping-arrival-rate: rate at the start
  Duration time_unit = std::chrono::seconds(1);
  int pre_allocated_vus = 0;  // open model: VUs connected before the start
  int max_vus = 0;            // open model: the pool's limit

  // The total run time.
  Duration total_duration() const;
  // The most VUs this executor can have at once.
  int peak_vus() const;
  bool open_model() const {
    return type == ExecutorType::constant_arrival_rate || type == ExecutorType::ramping_arrival_rate;
  }
};

// What one request does. Store kinds run dharma's own Store and Cache
// paths for a tenant seeded by `loadtest prepare`; http sends `http`.
enum class RequestKind {
  pull,
  pull_uncached,
  list,
  list_uncached,
  quota,
  api_calls,
  api_calls_uncached,
  push,
  price,
  http
};

struct HttpSpec {
  std::string method = "GET";
  std::string url;  // absolute, or a path joined to the scenario's target
  std::vector<std::string> headers;
  std::string body;
  long expect_status = 200;
};

struct RequestSpec {
  RequestKind kind = RequestKind::pull;
  std::string name;  // the kind's name, or `name:` for http
  double weight = 1;
  std::map<std::string, std::string> tags;  // user tags "k:v"
  HttpSpec http;
};

struct Threshold {
  std::string text;  // as written: "p(95) < 10ms"
  bool abort_on_fail = false;
  Duration delay_abort_eval{};  // aborts are judged only after this much of the run
  util::SourceLocation location;
};

struct Scenario {
  std::string name;
  std::string target = "store";  // "store" or an http(s) base URL
  Executor executor;
  std::vector<RequestSpec> requests;
  std::vector<Threshold> thresholds;
  std::map<std::string, std::string> tags;      // on every request
  int tenants = 10;                             // how many prepared tenants the VUs spread over
  Duration timeout = std::chrono::seconds(10);  // per request
  Duration think_time{};                        // closed model: pause between iterations
};

std::string executor_type_name(ExecutorType type);
std::optional<ExecutorType> executor_type_from_name(const std::string& name);
std::string request_kind_name(RequestKind kind);
std::optional<RequestKind> request_kind_from_name(const std::string& name);
std::vector<std::string> request_kind_names();
std::vector<std::string> executor_type_names();

}  // namespace dharma::loadtest
