#include "dharma/loadtest/scenario.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace dharma::loadtest {
namespace {

constexpr std::array<std::pair<ExecutorType, const char*>, 4> k_executors{{
    {ExecutorType::constant_vus, "constant-vus"},
    {ExecutorType::ramping_vus, "ramping-vus"},
    {ExecutorType::constant_arrival_rate, "constant-arrival-rate"},
    {ExecutorType::ramping_arrival_rate, "ramping-arrival-rate"},
}};

constexpr std::array<std::pair<RequestKind, const char*>, 10> k_kinds{{
    {RequestKind::pull, "pull"},
    {RequestKind::pull_uncached, "pull_uncached"},
    {RequestKind::list, "list"},
    {RequestKind::list_uncached, "list_uncached"},
    {RequestKind::quota, "quota"},
    {RequestKind::api_calls, "api_calls"},
    {RequestKind::api_calls_uncached, "api_calls_uncached"},
    {RequestKind::push, "push"},
    {RequestKind::price, "price"},
    {RequestKind::http, "http"},
}};

}  // namespace

Duration Executor::total_duration() const {
  if (type == ExecutorType::constant_vus || type == ExecutorType::constant_arrival_rate) {
    return duration;
  }
  Duration total{};
  for (const auto& stage : stages) {
    total += stage.duration;
  }
  return total;
}

int Executor::peak_vus() const {
  if (open_model()) {
    return std::max(max_vus, pre_allocated_vus);
  }
  int peak = vus;
  for (const auto& stage : stages) {
    peak = std::max(peak, static_cast<int>(stage.target));
  }
  return peak;
}

std::string executor_type_name(ExecutorType type) {
  for (const auto& [value, name] : k_executors) {
    if (value == type) {
      return name;
    }
  }
  return "?";
}

std::optional<ExecutorType> executor_type_from_name(const std::string& text) {
  for (const auto& [value, name] : k_executors) {
    if (text == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::string request_kind_name(RequestKind kind) {
  for (const auto& [value, name] : k_kinds) {
    if (value == kind) {
      return name;
    }
  }
  return "?";
}

std::optional<RequestKind> request_kind_from_name(const std::string& text) {
  for (const auto& [value, name] : k_kinds) {
    if (text == name) {
      return value;
    }
  }
  return std::nullopt;
}

std::vector<std::string> request_kind_names() {
  std::vector<std::string> names;
  for (const auto& entry : k_kinds) {
    names.emplace_back(entry.second);
  }
  return names;
}

std::vector<std::string> executor_type_names() {
  std::vector<std::string> names;
  for (const auto& entry : k_executors) {
    names.emplace_back(entry.second);
  }
  return names;
}

}  // namespace dharma::loadtest
