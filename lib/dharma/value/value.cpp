#include "dharma/value/value.hpp"

#include <charconv>
#include <cmath>

#include "dharma/util/text.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::value {

static_assert(sizeof(Value) <= 64 || sizeof(void*) != 8, "a Value grew: see the note on m_data");

std::string Reference::str() const {
  std::string out = resource;
  if (splat) {
    out += "[*]";
  } else if (index) {
    out += "[" + std::to_string(*index) + "]";
  }
  return out + "." + attribute;
}

Value Value::boolean(bool v) {
  Value value;
  value.m_data = v;
  return value;
}
Value Value::integer(long long v) {
  Value value;
  value.m_data = v;
  return value;
}
Value Value::number(double v) {
  Value value;
  value.m_data = v;
  return value;
}
Value Value::string(std::string v) {
  Value value;
  value.m_data = std::move(v);
  return value;
}
Value Value::list(List v) {
  Value value;
  value.m_data = std::move(v);
  return value;
}
Value Value::map(Map v) {
  Value value;
  value.m_data = std::move(v);
  return value;
}
Value Value::reference(Reference v) {
  Value value;
  value.m_data = std::make_shared<const Reference>(std::move(v));
  return value;
}
Value Value::interpolation(std::vector<InterpolationPart> v) {
  Value value;
  value.m_data = std::move(v);
  return value;
}

Value::Kind Value::kind() const {
  return static_cast<Kind>(m_data.index());
}

bool Value::is_scalar() const {
  const Kind k = kind();
  return k == Kind::boolean || k == Kind::integer || k == Kind::number || k == Kind::string;
}

bool Value::is_symbolic() const {
  switch (kind()) {
    case Kind::reference:
    case Kind::interpolation:
      return true;
    case Kind::list:
      for (const auto& item : as_list()) {
        if (item.is_symbolic()) {
          return true;
        }
      }
      return false;
    case Kind::map:
      for (const auto& [key, item] : as_map()) {
        if (item.is_symbolic()) {
          return true;
        }
      }
      return false;
    default:
      return false;
  }
}

double Value::as_number() const {
  if (kind() == Kind::integer) {
    return static_cast<double>(as_integer());
  }
  return std::get<double>(m_data);
}

const Value* Value::find(const std::string& key) const {
  if (kind() != Kind::map) {
    return nullptr;
  }
  for (const auto& [k, v] : as_map()) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

Value* Value::find(const std::string& key) {
  return const_cast<Value*>(static_cast<const Value*>(this)->find(key));
}

const Value* Value::find_path(const std::string& dotted_path) const {
  const Value* current = this;
  for (const auto& step : util::split(dotted_path, '.')) {
    if (current->kind() == Kind::map) {
      current = current->find(step);
    } else if (current->kind() == Kind::list) {
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(step.data(), step.data() + step.size(), index);
      if (ec != std::errc() || end != step.data() + step.size() || index >= current->as_list().size()) {
        return nullptr;
      }
      current = &current->as_list()[index];
    } else {
      return nullptr;
    }
    if (current == nullptr) {
      return nullptr;
    }
  }
  return current;
}

void Value::set(const std::string& key, Value value) {
  if (kind() != Kind::map) {
    m_data = Map{};
  }
  for (auto& [k, v] : as_map()) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  as_map().emplace_back(key, std::move(value));
}

namespace {
std::string number_text(double number) {
  if (std::floor(number) == number && std::fabs(number) < 1e15) {
    return std::to_string(static_cast<long long>(number));
  }
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
  return ec == std::errc() ? std::string(buffer, end) : "0";
}
}  // namespace

std::string Value::to_display_string() const {
  switch (kind()) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return as_bool() ? "true" : "false";
    case Kind::integer:
      return std::to_string(as_integer());
    case Kind::number:
      return number_text(as_number());
    case Kind::string:
      return as_string();
    case Kind::reference:
      return "${" + as_reference().str() + "}";
    case Kind::interpolation: {
      std::string out;
      for (const auto& part : as_interpolation()) {
        if (const auto* text = std::get_if<std::string>(&part)) {
          out += *text;
        } else {
          out += "${" + std::get<Reference>(part).str() + "}";
        }
      }
      return out;
    }
    case Kind::list: {
      std::vector<std::string> items;
      for (const auto& item : as_list()) {
        items.push_back(item.to_display_string());
      }
      return "[" + util::join(items, ", ") + "]";
    }
    case Kind::map: {
      std::vector<std::string> items;
      for (const auto& [key, item] : as_map()) {
        items.push_back(key + ": " + item.to_display_string());
      }
      return "{" + util::join(items, ", ") + "}";
    }
  }
  return "";
}

const char* kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::null:
      return "null";
    case Value::Kind::boolean:
      return "a boolean";
    case Value::Kind::integer:
      return "an integer";
    case Value::Kind::number:
      return "a number";
    case Value::Kind::string:
      return "a string";
    case Value::Kind::list:
      return "a list";
    case Value::Kind::map:
      return "a mapping";
    case Value::Kind::reference:
      return "a resource reference";
    case Value::Kind::interpolation:
      return "a string with resource references";
  }
  return "a value";
}

std::string Value::kind_name() const {
  return value::kind_name(kind());
}

util::SourceLocation Value::location() const {
  return origin != nullptr ? origin->location() : util::SourceLocation{};
}

bool Value::same_data(const Value& other) const {
  if (kind() != other.kind()) {
    if ((kind() == Kind::integer || kind() == Kind::number) &&
        (other.kind() == Kind::integer || other.kind() == Kind::number)) {
      return as_number() == other.as_number();
    }
    return false;
  }
  switch (kind()) {
    case Kind::list: {
      const auto& a = as_list();
      const auto& b = other.as_list();
      if (a.size() != b.size()) {
        return false;
      }
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!a[i].same_data(b[i])) {
          return false;
        }
      }
      return true;
    }
    case Kind::map: {
      const auto& a = as_map();
      const auto& b = other.as_map();
      if (a.size() != b.size()) {
        return false;
      }
      for (const auto& [key, item] : a) {
        const Value* match = other.find(key);
        if (match == nullptr || !item.same_data(*match)) {
          return false;
        }
      }
      return true;
    }
    case Kind::null:
      return true;
    case Kind::boolean:
      return as_bool() == other.as_bool();
    case Kind::integer:
      return as_integer() == other.as_integer();
    case Kind::number:
      return as_number() == other.as_number();
    case Kind::string:
      return as_string() == other.as_string();
    case Kind::reference:
      return as_reference() == other.as_reference();
    case Kind::interpolation:
      return as_interpolation() == other.as_interpolation();
  }
  return false;
}

}  // namespace dharma::value
