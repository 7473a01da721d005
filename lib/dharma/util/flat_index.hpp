#pragma once
// Positions by string key, for keys the caller keeps (a vector of
// resources, of names): a flat table of (hash, position) slots probed
// linearly and never more than half full; a slot whose hash matches is
// confirmed by comparing the caller's key at its position. Against a
// std::unordered_map of string keys: no node and no copy of the key per
// entry, one array to probe, and a hash that reads eight bytes at a time.
// Drift looks up tens of thousands of addresses, labels and owners this way;
// FlatStringMap (flat_string_map.hpp) keeps its entries on top of it.
// The hash is seeded once per process, so the slots a file's keys fall into
// cannot be worked out in advance to make every lookup probe the whole table.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace dharma::util {

class FlatIndex {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // The position whose key (`key_at(position)`, a std::string_view or what
  // compares with one) is `key`, or npos.
  template <class KeyAt>
  std::size_t find(std::string_view key, const KeyAt& key_at) const {
    return find_hashed(hash_of(key), key, key_at);
  }
  // find() with the key's hash_of() already known.
  template <class KeyAt>
  std::size_t find_hashed(std::uint64_t hash, std::string_view key, const KeyAt& key_at) const {
    if (m_slots.empty()) {
      return npos;
    }
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
      const Slot& slot = m_slots[at];
      if (slot.position == npos) {
        return npos;
      }
      if (slot.hash == hash && key_at(slot.position) == key) {
        return slot.position;
      }
    }
  }
  // Indexes `position` under `key` (which the caller has not indexed yet).
  void add(std::string_view key, std::size_t position);
  // add() with the key's hash_of() already known.
  void add_hashed(std::uint64_t hash, std::size_t position);
  // Room for `count` keys in all without growing.
  void reserve(std::size_t count);
  std::size_t size() const { return m_size; }

  static std::uint64_t hash_of(std::string_view key);

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t position = npos;  // npos: empty
  };
  std::vector<Slot> m_slots;  // a power of two in size, or empty
  std::size_t m_size = 0;

  void rehash(std::size_t slots);
};

}  // namespace dharma::util
