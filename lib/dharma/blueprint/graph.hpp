#pragma once
// The dependency graph between resources: cycle detection that names the
// whole cycle, and a stable topological order with levels.

#include <optional>
#include <string>
#include <vector>

#include "dharma/blueprint/resolved.hpp"

namespace dharma::blueprint {

struct GraphResult {
  std::vector<std::string> order;  // dependencies first; ties by declaration order
  std::vector<GraphLevel> levels;
  std::optional<std::vector<std::string>> cycle;  // a -> b -> a, first name repeated at the end
};

// `names` in declaration order; `dependencies[i]` are the names resource i depends on.
GraphResult build_graph(const std::vector<std::string>& names,
                        const std::vector<std::vector<std::string>>& dependencies);
// The same over resolved resources: their names and `dependencies`, not copied.
GraphResult build_graph(const std::vector<ResolvedResource>& resources);

}  // namespace dharma::blueprint
