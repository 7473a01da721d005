#include "dharma/policy/subject.hpp"

#include <charconv>

namespace dharma::policy {

using value::Map;
using value::Value;

namespace {

const Value* find_key(const Map& map, const std::string& key) {
  for (const auto& [k, v] : map) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

const Value* step_into(const Value& value, const std::string& step, const ResourceIndex* index) {
  if (value.kind() == Value::Kind::reference && index != nullptr) {
    const auto& reference = value.as_reference();
    auto it = index->properties.find(reference.resource);
    return it == index->properties.end() || reference.splat ? nullptr : find_key(*it->second, step);
  }
  if (value.kind() == Value::Kind::map) {
    return find_key(value.as_map(), step);
  }
  if (value.kind() == Value::Kind::list) {
    std::size_t position = 0;
    const auto* end = step.data() + step.size();
    auto [ptr, ec] = std::from_chars(step.data(), end, position);
    if (ec != std::errc() || ptr != end || position >= value.as_list().size()) {
      return nullptr;
    }
    return &value.as_list()[position];
  }
  return nullptr;
}

const Value* find_last_key(const Map& map, const std::string& key) {
  for (auto it = map.rbegin(); it != map.rend(); ++it) {
    if (it->first == key) {
      return &it->second;
    }
  }
  return nullptr;
}

const Value* present(const Value* value) {
  return value != nullptr && !value->is_null() ? value : nullptr;
}

}  // namespace

const Value* lookup_in(const Value& root, const std::vector<std::string>& steps, std::size_t first,
                       const ResourceIndex* index) {
  const Value* current = &root;
  for (std::size_t i = first; i < steps.size() && current != nullptr; ++i) {
    current = step_into(*current, steps[i], index);
  }
  return present(current);
}

const Value* lookup_in(const Map& root, const std::vector<std::string>& steps, std::size_t first,
                       const ResourceIndex* index) {
  if (first >= steps.size()) {
    return nullptr;
  }
  const Value* head = find_key(root, steps[first]);
  return head == nullptr ? nullptr : lookup_in(*head, steps, first + 1, index);
}

const Value* Subject::lookup(const std::vector<std::string>& steps) const {
  if (steps.empty()) {
    return nullptr;
  }
  const std::string& root = steps[0];
  if (root == "properties") {
    return properties == nullptr ? nullptr : lookup_in(*properties, steps, 1, index);
  }
  if (root == "tags") {
    if (own_tags == nullptr) {
      return lookup_in(tags, steps, 1);
    }
    if (steps.size() < 2) {
      return nullptr;
    }
    const Value* head = find_last_key(*own_tags, steps[1]);
    if (head == nullptr && labels != nullptr) {
      head = find_key(*labels, steps[1]);
    }
    return head == nullptr ? nullptr : lookup_in(*head, steps, 2, nullptr);
  }
  if (root == "labels") {
    return labels == nullptr ? nullptr : lookup_in(*labels, steps, 1);
  }
  const Value* scalar = nullptr;
  if (root == "name") {
    scalar = &name;
  } else if (root == "type") {
    scalar = &type;
  } else if (root == "provider") {
    scalar = &provider;
  } else if (root == "region") {
    scalar = &region;
  } else if (root == "environment") {
    scalar = &environment;
  } else if (root == "count") {
    scalar = &count;
  }
  return scalar == nullptr || steps.size() != 1 ? nullptr : present(scalar);
}

const std::vector<std::string>& subject_roots() {
  static const std::vector<std::string> roots{"name",  "type", "provider", "region",    "environment",
                                              "count", "tags", "labels",   "properties"};
  return roots;
}

Map merge_tags(const Map& labels, const Map& tags) {
  Map merged = labels;
  for (const auto& [key, value] : tags) {
    bool replaced = false;
    for (auto& [k, v] : merged) {
      if (k == key) {
        v = value;
        replaced = true;
        break;
      }
    }
    if (!replaced) {
      merged.emplace_back(key, value);
    }
  }
  return merged;
}

}  // namespace dharma::policy
