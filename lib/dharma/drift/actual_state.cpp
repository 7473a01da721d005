#include "dharma/drift/actual_state.hpp"

namespace dharma::drift {

std::string_view ActualState::keep(std::string_view text) {
  if (m_strings == nullptr) {
    m_strings = std::make_shared<ValueArena>(1 << 12);
    arenas.push_back(m_strings);
  }
  return m_strings->copy(text);
}

const ActualResource* ActualState::find(std::string_view address) const {
  const std::size_t position =
      by_address.find(address, [this](std::size_t at) -> std::string_view { return resources[at].address; });
  return position == util::FlatIndex::npos ? nullptr : &resources[position];
}

const ActualResource* ActualState::add(ActualResource resource) {
  const std::uint64_t hash = util::FlatIndex::hash_of(resource.address);
  const std::size_t existing = by_address.find_hashed(
      hash, resource.address, [this](std::size_t at) -> std::string_view { return resources[at].address; });
  if (existing != util::FlatIndex::npos) {
    return &resources[existing];
  }
  by_address.add_hashed(hash, resources.size());
  resources.push_back(std::move(resource));
  return nullptr;
}

void ActualState::reserve(std::size_t count) {
  resources.reserve(resources.size() + count);
  by_address.reserve(by_address.size() + count);
}

}  // namespace dharma::drift
