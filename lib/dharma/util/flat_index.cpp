#include "dharma/util/flat_index.hpp"

#include <cstring>
#include <random>

namespace dharma::util {
namespace {

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

std::uint64_t FlatIndex::hash_of(std::string_view key) {
  static const std::uint64_t seed = process_seed();
  const char* bytes = key.data();
  const std::size_t size = key.size();
  std::uint64_t h = seed ^ (size * 0x9e3779b97f4a7c15ULL);
  // Fixed-size loads only (a load of a variable size is a call to memcpy):
  // whole words, then the last eight bytes again, overlapping; a key
  // shorter than eight bytes as two overlapping halves or its bytes.
  if (size >= 8) {
    std::size_t at = 0;
    for (; at + 8 <= size; at += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes + at, 8);
      h = mix(h ^ word);
    }
    if (at < size) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes + size - 8, 8);
      h = mix(h ^ word ^ 0xff);
    }
  } else if (size >= 4) {
    std::uint32_t head = 0;
    std::uint32_t tail = 0;
    std::memcpy(&head, bytes, 4);
    std::memcpy(&tail, bytes + size - 4, 4);
    h = mix(h ^ head ^ (std::uint64_t{tail} << 32U));
  } else if (size > 0) {
    const auto byte = [bytes](std::size_t at) {
      return std::uint64_t{static_cast<unsigned char>(bytes[at])};
    };
    h = mix(h ^ byte(0) ^ (byte(size / 2) << 8U) ^ (byte(size - 1) << 16U));
  }
  return mix(h);
}

void FlatIndex::add(std::string_view key, std::size_t position) {
  add_hashed(hash_of(key), position);
}

void FlatIndex::add_hashed(std::uint64_t hash, std::size_t position) {
  if (2 * (m_size + 1) > m_slots.size()) {
    rehash(m_slots.empty() ? 16 : 2 * m_slots.size());
  }
  const std::size_t mask = m_slots.size() - 1;
  std::size_t at = hash & mask;
  while (m_slots[at].position != npos) {
    at = (at + 1) & mask;
  }
  m_slots[at] = {hash, position};
  ++m_size;
}

void FlatIndex::reserve(std::size_t count) {
  std::size_t slots = 16;
  while (slots < 2 * count) {
    slots *= 2;
  }
  if (slots > m_slots.size()) {
    rehash(slots);
  }
}

void FlatIndex::rehash(std::size_t slots) {
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

}  // namespace dharma::util
