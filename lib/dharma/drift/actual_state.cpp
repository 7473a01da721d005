#include "dharma/drift/actual_state.hpp"

namespace dharma::drift {

const ActualResource* ActualState::find(const std::string& address) const {
  const auto it = by_address.find(address);
  return it == by_address.end() ? nullptr : &resources[it->second];
}

}  // namespace dharma::drift
