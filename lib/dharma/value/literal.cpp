#include "dharma/value/literal.hpp"

namespace dharma::value {

Value scalar_value(const yaml::Node& node) {
  Value value;
  if (yaml::is_null_scalar(node) && node.plain) {
    value = Value::null();
  } else if (auto b = yaml::as_bool(node)) {
    value = Value::boolean(*b);
  } else if (auto i = yaml::as_integer(node)) {
    value = Value::integer(*i);
  } else if (auto d = yaml::as_number(node)) {
    value = Value::number(*d);
  } else {
    value = Value::string(node.scalar);
  }
  value.origin = &node;
  return value;
}

Value literal_value(const yaml::Node& node) {
  Value value;
  switch (node.kind) {
    case yaml::Kind::null:
      value = Value::null();
      break;
    case yaml::Kind::scalar:
      return scalar_value(node);
    case yaml::Kind::sequence: {
      List items;
      items.reserve(node.items.size());
      for (const auto& item : node.items) {
        items.push_back(literal_value(*item));
      }
      value = Value::list(std::move(items));
      break;
    }
    case yaml::Kind::map: {
      Map entries;
      entries.reserve(node.entries.size());
      for (const auto& [key, item] : node.entries) {
        entries.emplace_back(key->scalar, literal_value(*item));
      }
      value = Value::map(std::move(entries));
      break;
    }
  }
  value.origin = &node;
  return value;
}

}  // namespace dharma::value
