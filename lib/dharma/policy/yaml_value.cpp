#include "dharma/policy/yaml_value.hpp"

namespace dharma::policy {

using value::Value;

value::Value to_value(const yaml::Node& node) {
  switch (node.kind) {
    case yaml::Kind::null:
      return Value::null();
    case yaml::Kind::sequence: {
      value::List items;
      items.reserve(node.items.size());
      for (const auto& item : node.items) {
        items.push_back(to_value(*item));
      }
      return Value::list(std::move(items));
    }
    case yaml::Kind::map: {
      value::Map entries;
      entries.reserve(node.entries.size());
      for (const auto& [key, item] : node.entries) {
        entries.emplace_back(key->scalar, to_value(*item));
      }
      return Value::map(std::move(entries));
    }
    case yaml::Kind::scalar:
      break;
  }
  if (node.plain) {
    if (yaml::is_null_scalar(node)) {
      return Value::null();
    }
    if (auto b = yaml::as_bool(node)) {
      return Value::boolean(*b);
    }
    if (auto i = yaml::as_integer(node)) {
      return Value::integer(*i);
    }
    if (auto d = yaml::as_number(node)) {
      return Value::number(*d);
    }
  }
  return Value::string(node.scalar);
}

}  // namespace dharma::policy
