#pragma once
// Lookups over the small vectors of named things (declarations, parameters,
// mapping entries) that are searched by one member, usually `name`.

#include <string>
#include <vector>

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
