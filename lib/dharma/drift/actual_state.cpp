#include "dharma/drift/actual_state.hpp"

#include <cstring>
#include <random>

namespace dharma::drift {
namespace {

// Chosen once per process, so that the slots a state's addresses fall into
// cannot be worked out in advance to make every lookup probe the whole table.
std::uint64_t process_seed() {
  static const std::uint64_t seed = [] {
    std::random_device device;
    return (std::uint64_t{device()} << 32U) ^ device();
  }();
  return seed;
}

std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 31U;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 29U;
  return h;
}

}  // namespace

std::uint64_t AddressIndex::hash_of(std::string_view address) {
  std::uint64_t h = process_seed() ^ (address.size() * 0x9e3779b97f4a7c15ULL);
  std::size_t at = 0;
  for (; at + 8 <= address.size(); at += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, address.data() + at, 8);
    h = mix(h ^ word);
  }
  if (at < address.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, address.data() + at, address.size() - at);
    h = mix(h ^ word ^ 0xff);
  }
  return mix(h);
}

std::size_t AddressIndex::find(std::string_view address, const std::vector<ActualResource>& resources) const {
  if (m_slots.empty()) {
    return npos;
  }
  const std::uint64_t hash = hash_of(address);
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const Slot& slot = m_slots[at];
    if (slot.position == npos) {
      return npos;
    }
    if (slot.hash == hash && resources[slot.position].address == address) {
      return slot.position;
    }
  }
}

void AddressIndex::add(std::string_view address, std::size_t position) {
  if (2 * (m_size + 1) > m_slots.size()) {
    rehash(m_slots.empty() ? 16 : 2 * m_slots.size());
  }
  const std::uint64_t hash = hash_of(address);
  const std::size_t mask = m_slots.size() - 1;
  std::size_t at = hash & mask;
  while (m_slots[at].position != npos) {
    at = (at + 1) & mask;
  }
  m_slots[at] = {hash, position};
  ++m_size;
}

void AddressIndex::reserve(std::size_t count) {
  std::size_t slots = 16;
  while (slots < 2 * count) {
    slots *= 2;
  }
  if (slots > m_slots.size()) {
    rehash(slots);
  }
}

void AddressIndex::rehash(std::size_t slots) {
  std::vector<Slot> old = std::move(m_slots);
  m_slots.assign(slots, Slot{});
  const std::size_t mask = slots - 1;
  for (const Slot& slot : old) {
    if (slot.position != npos) {
      std::size_t at = slot.hash & mask;
      while (m_slots[at].position != npos) {
        at = (at + 1) & mask;
      }
      m_slots[at] = slot;
    }
  }
}

const ActualResource* ActualState::find(std::string_view address) const {
  const std::size_t position = by_address.find(address, resources);
  return position == AddressIndex::npos ? nullptr : &resources[position];
}

const ActualResource* ActualState::add(ActualResource resource) {
  if (const ActualResource* existing = find(resource.address)) {
    return existing;
  }
  by_address.add(resource.address, resources.size());
  resources.push_back(std::move(resource));
  return nullptr;
}

void ActualState::reserve(std::size_t count) {
  resources.reserve(resources.size() + count);
  by_address.reserve(by_address.size() + count);
}

}  // namespace dharma::drift
