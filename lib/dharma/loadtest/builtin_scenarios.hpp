#pragma once
// The built-in scenarios, modelled on the k6 files dharma's ancestor shipped:
//
//   baseline  ramps to 100 VUs in 30 s and holds them 5 min
//   stress    ramps to 1,000 VUs, holds, then to 1,500, holds, ramps down
//   spike     jumps to 10,000 VUs in 10 s, holds 1 min, drops
//   soak      500 VUs for 30 min
//
// all running the default mix of store requests (or GET of the target URL).
// `vus` scales every stage so the peak is `vus`; `duration` scales every
// stage so the run lasts `duration` (CI runs them for seconds).

#include <optional>
#include <string>
#include <vector>

#include "dharma/loadtest/scenario.hpp"

namespace dharma::loadtest {

struct BuiltinOverrides {
  std::optional<int> vus;
  std::optional<Duration> duration;
  std::optional<std::string> target;  // "store" or an http(s) URL
};

std::vector<std::string> builtin_scenario_names();
// The scenario `name` (one of builtin_scenario_names()) with `overrides` applied.
Scenario builtin_scenario(const std::string& name, const BuiltinOverrides& overrides);
// The default request mix against the store.
std::vector<RequestSpec> default_store_mix();

}  // namespace dharma::loadtest
