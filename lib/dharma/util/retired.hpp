#pragma once
// Objects a command is done with but does not free yet: they live until the
// Retired object ends, and a process about to exit leaks them on purpose
// (api::CommandContext::leak_at_exit) rather than freeing tens of thousands
// of allocations one at a time. Each free reads the block's header, and at
// 20,000 resources those headers are spread over a hundred megabytes the
// cache no longer holds: not freeing validate's second-environment result,
// its tables and the first run's trace took the command from 174 to 138 ms
// of CPU there (docs/PERFORMANCE.md, linearity). Layers below api/ take a
// `Retired*` (null: free as usual) so they need not know the context.

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace dharma::util {

class Retired {
 public:
  // Takes `value` (moved in) and keeps it; returns the kept one.
  template <class T>
  std::decay_t<T>& keep(T&& value) {
    auto kept = std::make_shared<std::decay_t<T>>(std::forward<T>(value));
    m_kept.push_back(kept);
    return *kept;
  }
  // Everything kept so far, for whoever keeps it longer.
  std::vector<std::shared_ptr<void>> take() { return std::exchange(m_kept, {}); }

 private:
  std::vector<std::shared_ptr<void>> m_kept;
};

}  // namespace dharma::util
