// Kahn's algorithm with a min-heap on declaration index gives a topological
// order that is stable under edits elsewhere in the file. A resource's level
// is one more than the deepest of its dependencies. When Kahn's algorithm
// cannot place every node, an iterative depth-first search over the
// remaining nodes finds one concrete cycle to report.

#include "dharma/blueprint/graph.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <string_view>

#include "dharma/util/flat_string_map.hpp"

namespace dharma::blueprint {

namespace {

// `name(i)` and `dependencies(i)` give resource i's name and the names it
// depends on, so callers need not copy them into a graph-shaped container.
template <typename NameOf, typename DependenciesOf>
GraphResult build(std::size_t n, const NameOf& name_of, const DependenciesOf& dependencies_of) {
  util::FlatStringMap<std::size_t, std::string_view> index;
  index.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    index.emplace(name_of(i), i);  // the first of duplicate names
  }
  // The edges in flat arrays rather than a vector per resource: resource i
  // depends on depends[depends_start[i] .. depends_start[i + 1]), in the order
  // it names them, each once; dependents_of likewise, in declaration order.
  std::vector<std::size_t> depends_start(n + 1, 0);
  std::vector<std::size_t> depends;
  depends.reserve(n);
  std::vector<std::size_t> pending(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    depends_start[i] = depends.size();
    for (const auto& name : dependencies_of(i)) {
      const std::size_t* found = index.find(std::string_view(name));
      if (found == nullptr || *found == i) {
        continue;
      }
      const auto named_before = depends.begin() + static_cast<std::ptrdiff_t>(depends_start[i]);
      if (std::find(named_before, depends.end(), *found) != depends.end()) {
        continue;
      }
      depends.push_back(*found);
      ++pending[i];
    }
  }
  depends_start[n] = depends.size();
  std::vector<std::size_t> dependents_start(n + 1, 0);
  for (const std::size_t target : depends) {
    ++dependents_start[target + 1];
  }
  for (std::size_t i = 0; i < n; ++i) {
    dependents_start[i + 1] += dependents_start[i];
  }
  std::vector<std::size_t> dependents(depends.size());
  std::vector<std::size_t> filled(dependents_start.begin(), dependents_start.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t e = depends_start[i]; e < depends_start[i + 1]; ++e) {
      dependents[filled[depends[e]]++] = i;
    }
  }
  GraphResult result;
  std::vector<int> level(n, 0);
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i) {
    if (pending[i] == 0) {
      ready.push(i);
    }
  }
  std::vector<std::size_t> order;
  while (!ready.empty()) {
    const std::size_t current = ready.top();
    ready.pop();
    order.push_back(current);
    for (std::size_t e = dependents_start[current]; e < dependents_start[current + 1]; ++e) {
      const std::size_t next = dependents[e];
      level[next] = std::max(level[next], level[current] + 1);
      if (--pending[next] == 0) {
        ready.push(next);
      }
    }
  }

  if (order.size() < n) {
    // Walk dependencies from an unplaced node until a node repeats on the path.
    std::vector<int> state(n, 0);  // 0 new, 1 on path, 2 done
    for (std::size_t start = 0; start < n && !result.cycle; ++start) {
      if (pending[start] == 0 || state[start] != 0) {
        continue;
      }
      std::vector<std::pair<std::size_t, std::size_t>> stack{{start, 0}};
      state[start] = 1;
      while (!stack.empty() && !result.cycle) {
        auto& [node, next_edge] = stack.back();
        if (depends_start[node] + next_edge >= depends_start[node + 1]) {
          state[node] = 2;
          stack.pop_back();
          continue;
        }
        const std::size_t target = depends[depends_start[node] + next_edge++];
        if (state[target] == 1) {
          std::vector<std::string> cycle;
          bool on_cycle = false;
          for (const auto& [member, edge] : stack) {
            on_cycle = on_cycle || member == target;
            if (on_cycle) {
              cycle.push_back(name_of(member));
            }
          }
          cycle.push_back(name_of(target));
          result.cycle = cycle;
        } else if (state[target] == 0) {
          state[target] = 1;
          stack.emplace_back(target, 0);
        }
      }
    }
    return result;
  }

  result.order.reserve(n);
  for (const std::size_t i : order) {
    result.order.push_back(name_of(i));
  }
  int max_level = 0;
  for (std::size_t i = 0; i < n; ++i) {
    max_level = std::max(max_level, level[i]);
  }
  if (n > 0) {
    result.levels.resize(static_cast<std::size_t>(max_level) + 1);
    for (std::size_t l = 0; l < result.levels.size(); ++l) {
      result.levels[l].level = static_cast<int>(l);
    }
    for (std::size_t i = 0; i < n; ++i) {
      result.levels[static_cast<std::size_t>(level[i])].resources.push_back(name_of(i));
    }
  }
  return result;
}

}  // namespace

GraphResult build_graph(const std::vector<std::string>& names,
                        const std::vector<std::vector<std::string>>& dependencies) {
  return build(
      names.size(), [&names](std::size_t i) -> const std::string& { return names[i]; },
      [&dependencies](std::size_t i) -> const std::vector<std::string>& { return dependencies[i]; });
}

GraphResult build_graph(const std::vector<ResolvedResource>& resources) {
  return build(
      resources.size(), [&resources](std::size_t i) -> const std::string& { return resources[i].name; },
      [&resources](std::size_t i) -> const std::vector<std::string>& { return resources[i].dependencies; });
}

}  // namespace dharma::blueprint
