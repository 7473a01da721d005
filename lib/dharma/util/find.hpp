#pragma once
// Lookups over vectors of named things (declarations, parameters, resources,
// mapping entries) that are searched by one member, usually `name`.
// find_by() scans, for the small vectors; NameIndex answers in constant time,
// for the ones that grow with the blueprint (a lookup per resource over all
// resources would make a command quadratic).

#include <cstddef>
#include <string>
#include <vector>

#include "dharma/util/flat_string_map.hpp"

namespace dharma::util {

// The first item whose `member` equals `key`, or nullptr.
template <typename Item, typename Field, typename Key>
const Item* find_by(const std::vector<Item>& items, Field Item::*member, const Key& key) {
  for (const auto& item : items) {
    if (item.*member == key) {
      return &item;
    }
  }
  return nullptr;
}

// The position of the first item with each name, built on the first lookup
// and rebuilt when the vector has grown or shrunk or a hit no longer matches.
// It stores positions, not pointers, so copying the owner along with its
// vector keeps it valid. Not for concurrent first use from several threads.
class NameIndex {
 public:
  template <typename Item>
  const Item* find(const std::vector<Item>& items, std::string Item::*member, const std::string& key) const {
    if (m_size != items.size()) {
      rebuild(items, member);
    }
    const std::size_t* hit = m_positions.find(key);
    if (hit != nullptr && !(*hit < items.size() && items[*hit].*member == key)) {
      rebuild(items, member);  // an item was renamed or replaced since the last build
      hit = m_positions.find(key);
    }
    return hit == nullptr ? nullptr : &items[*hit];
  }

 private:
  template <typename Item>
  void rebuild(const std::vector<Item>& items, std::string Item::*member) const {
    m_positions = {};
    m_positions.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      m_positions.emplace(items[i].*member, i);  // emplace keeps the first of duplicates
    }
    m_size = items.size();
  }

  mutable FlatStringMap<std::size_t> m_positions;
  mutable std::size_t m_size = static_cast<std::size_t>(-1);
};

// Every item's `member`, in order (the candidates for a "did you mean").
template <typename Item>
std::vector<std::string> names_of(const std::vector<Item>& items, std::string Item::*member) {
  std::vector<std::string> names;
  names.reserve(items.size());
  for (const auto& item : items) {
    names.push_back(item.*member);
  }
  return names;
}

}  // namespace dharma::util
