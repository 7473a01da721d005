#pragma once
// A hash map from strings to values that only grows: the entries in one
// vector, in the order they were added, found through a FlatIndex
// (flat_index.hpp: flat (hash, position) slots, seeded hash).
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
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dharma/util/flat_index.hpp"

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
    m_index.reserve(count);
  }

  std::size_t size() const { return m_entries.size(); }
  bool empty() const { return m_entries.empty(); }
  typename std::vector<Entry>::const_iterator begin() const { return m_entries.begin(); }
  typename std::vector<Entry>::const_iterator end() const { return m_entries.end(); }

  // The value of `key`, or nullptr.
  const Value* find(std::string_view key) const {
    const std::size_t position = m_index.find(key, key_at());
    return position == FlatIndex::npos ? nullptr : &m_entries[position].second;
  }
  Value* find(std::string_view key) { return const_cast<Value*>(std::as_const(*this).find(key)); }
  bool contains(std::string_view key) const { return find(key) != nullptr; }

  // Adds `key` with `value` unless the key is there already. The value in the
  // map, and whether it was added.
  std::pair<Value*, bool> emplace(std::string_view key, Value value) {
    const std::uint64_t hash = FlatIndex::hash_of(key);
    const std::size_t position = m_index.find_hashed(hash, key, key_at());
    if (position != FlatIndex::npos) {
      return {&m_entries[position].second, false};
    }
    m_entries.emplace_back(Key(key), std::move(value));
    m_index.add_hashed(hash, m_entries.size() - 1);
    return {&m_entries.back().second, true};
  }

  // The value of `key`, added value-initialized when missing.
  Value& operator[](std::string_view key) { return *emplace(key, Value{}).first; }

 private:
  auto key_at() const {
    return [this](std::size_t position) { return std::string_view(m_entries[position].first); };
  }

  std::vector<Entry> m_entries;
  FlatIndex m_index;  // positions in m_entries by key
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
