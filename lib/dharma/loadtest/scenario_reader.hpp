#pragma once
// Reads a scenario file (docs/loadtest.md, "Scenario files") through
// yaml::load_file and yaml::MapReader: every problem is reported at its
// file:line:col, all of them, and the caller fails once.

#include <optional>
#include <string>

#include "dharma/loadtest/scenario.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::loadtest {

// The scenario in `path`, or nothing when `diagnostics` got errors.
std::optional<Scenario> load_scenario(const std::string& path, util::Diagnostics& diagnostics);

// The same from an already loaded document (`name` when it has none).
std::optional<Scenario> read_scenario(const yaml::Node& document, const std::string& name,
                                      util::Diagnostics& diagnostics);

}  // namespace dharma::loadtest
