#pragma once
// A hash map from strings to values that only grows, kept in two flat arrays:
// the entries, in the order they were added, and open-addressed slots that
// each hold 32 bits of a key's hash and its entry's position.
//
// For the tables that grow with the blueprint (one entry per resource, looked
// up once per reference or address), std::unordered_map reads a bucket, then
// a node allocated wherever the heap was at the time, then the node's key: at
// 20,000 resources those nodes are spread over a hundred megabytes and each
// lookup is two or three misses to memory, which made the time per resource
// grow with the blueprint (docs/PERFORMANCE.md, linearity). Here a lookup
// reads one slot of a table a few hundred kilobytes long and compares one key
// in a dense array.
//
// A pointer to a value is valid until the next insertion. Iteration follows
// insertion order. With `Key` = std::string_view the map keeps views, for
// keys that outlive it (names in a vector the caller holds).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dharma::util {

template <typename Value, typename Key = std::string>
class FlatStringMap {
 public:
  using Entry = std::pair<Key, Value>;

  FlatStringMap() = default;
  // The first of duplicate keys is kept, as std::unordered_map's does.
  FlatStringMap(std::initializer_list<Entry> entries) {
    reserve(entries.size());
    for (const auto& entry : entries) {
      emplace(entry.first, entry.second);
    }
  }

  void reserve(std::size_t count) {
    m_entries.reserve(count);
    if (count * 2 > m_slots.size()) {
      rehash(capacity_for(count));
    }
  }

  std::size_t size() const { return m_entries.size(); }
  bool empty() const { return m_entries.empty(); }
  typename std::vector<Entry>::const_iterator begin() const { return m_entries.begin(); }
  typename std::vector<Entry>::const_iterator end() const { return m_entries.end(); }

  // The value of `key`, or nullptr.
  const Value* find(std::string_view key) const {
    if (m_slots.empty()) {
      return nullptr;
    }
    const std::size_t hash = hash_of(key);
    for (std::size_t at = hash & mask();; at = (at + 1) & mask()) {
      const std::uint64_t slot = m_slots[at];
      if (slot == 0) {
        return nullptr;
      }
      if (tag_of(slot) == tag_of_hash(hash)) {
        const Entry& entry = m_entries[position_of(slot)];
        if (entry.first == key) {
          return &entry.second;
        }
      }
    }
  }
  Value* find(std::string_view key) { return const_cast<Value*>(std::as_const(*this).find(key)); }
  bool contains(std::string_view key) const { return find(key) != nullptr; }

  // Adds `key` with `value` unless the key is there already. The value in the
  // map, and whether it was added.
  std::pair<Value*, bool> emplace(std::string_view key, Value value) {
    if ((m_entries.size() + 1) * 2 > m_slots.size()) {
      rehash(capacity_for(m_entries.size() + 1));
    }
    const std::size_t hash = hash_of(key);
    std::size_t at = hash & mask();
    for (;; at = (at + 1) & mask()) {
      const std::uint64_t slot = m_slots[at];
      if (slot == 0) {
        break;
      }
      if (tag_of(slot) == tag_of_hash(hash)) {
        Entry& entry = m_entries[position_of(slot)];
        if (entry.first == key) {
          return {&entry.second, false};
        }
      }
    }
    m_entries.emplace_back(Key(key), std::move(value));
    m_slots[at] = slot_for(hash, m_entries.size() - 1);
    return {&m_entries.back().second, true};
  }

  // The value of `key`, added value-initialized when missing.
  Value& operator[](std::string_view key) { return *emplace(key, Value{}).first; }

 private:
  static std::size_t hash_of(std::string_view key) { return std::hash<std::string_view>{}(key); }
  // The slot keeps the hash's high 32 bits (the low ones pick the slot) and
  // the entry's position plus one, so that 0 is an empty slot.
  static std::uint32_t tag_of_hash(std::size_t hash) {
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(hash) >> 32);
  }
  static std::uint32_t tag_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot >> 32); }
  static std::size_t position_of(std::uint64_t slot) {
    return static_cast<std::size_t>(slot & 0xffffffffU) - 1;
  }
  static std::uint64_t slot_for(std::size_t hash, std::size_t position) {
    return (static_cast<std::uint64_t>(tag_of_hash(hash)) << 32) | static_cast<std::uint64_t>(position + 1);
  }
  // At most half the slots in use: probes stay short.
  static std::size_t capacity_for(std::size_t count) {
    std::size_t capacity = 16;
    while (capacity < count * 2) {
      capacity *= 2;
    }
    return capacity;
  }
  std::size_t mask() const { return m_slots.size() - 1; }

  void rehash(std::size_t capacity) {
    m_slots.assign(capacity, 0);
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
      const std::size_t hash = hash_of(m_entries[i].first);
      std::size_t at = hash & mask();
      while (m_slots[at] != 0) {
        at = (at + 1) & mask();
      }
      m_slots[at] = slot_for(hash, i);
    }
  }

  std::vector<Entry> m_entries;
  std::vector<std::uint64_t> m_slots;  // a power of two long, or empty
};

// The keys of a FlatStringMap, for "have I seen this name".
class FlatStringSet {
 public:
  void reserve(std::size_t count) { m_map.reserve(count); }
  // Whether `key` was new.
  bool insert(std::string_view key) { return m_map.emplace(key, true).second; }
  bool contains(std::string_view key) const { return m_map.contains(key); }
  std::size_t size() const { return m_map.size(); }

 private:
  FlatStringMap<bool> m_map;
};

}  // namespace dharma::util
