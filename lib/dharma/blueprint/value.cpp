// TEMPORARY (guard branch): a minimal Value implementation so the policy
// engine can be unit-tested before the lead's blueprint core lands on main.
// Replaced by main's implementation at merge time.
#include "dharma/blueprint/value.hpp"

#include <cstdlib>
#include <sstream>

#include "dharma/yaml/node.hpp"

namespace dharma::blueprint {

std::string Reference::str() const {
  std::string out = resource;
  if (splat) {
    out += "[*]";
  } else if (index) {
    out += "[" + std::to_string(*index) + "]";
  }
  return out + "." + attribute;
}

Value Value::boolean(bool v) { Value r; r.m_data = v; return r; }
Value Value::integer(long long v) { Value r; r.m_data = v; return r; }
Value Value::number(double v) { Value r; r.m_data = v; return r; }
Value Value::string(std::string v) { Value r; r.m_data = std::move(v); return r; }
Value Value::list(List v) { Value r; r.m_data = std::move(v); return r; }
Value Value::map(Map v) { Value r; r.m_data = std::move(v); return r; }
Value Value::reference(Reference v) { Value r; r.m_data = std::move(v); return r; }
Value Value::interpolation(std::vector<InterpolationPart> v) { Value r; r.m_data = std::move(v); return r; }

Value::Kind Value::kind() const { return static_cast<Kind>(m_data.index()); }

bool Value::is_scalar() const {
  auto k = kind();
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
      for (const auto& [k, item] : as_map()) {
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
  std::size_t start = 0;
  while (current != nullptr && start <= dotted_path.size()) {
    auto dot = dotted_path.find('.', start);
    std::string step = dotted_path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (current->kind() == Kind::list) {
      char* end = nullptr;
      unsigned long index = std::strtoul(step.c_str(), &end, 10);
      current = (!step.empty() && *end == '\0' && index < current->as_list().size()) ? &current->as_list()[index]
                                                                                     : nullptr;
    } else {
      current = current->find(step);
    }
    if (dot == std::string::npos) {
      break;
    }
    start = dot + 1;
  }
  return current;
}

void Value::set(const std::string& key, Value value) {
  if (kind() != Kind::map) {
    m_data = Map{};
  }
  if (auto* existing = find(key)) {
    *existing = std::move(value);
    return;
  }
  as_map().emplace_back(key, std::move(value));
}

std::string Value::to_display_string() const {
  switch (kind()) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return as_bool() ? "true" : "false";
    case Kind::integer:
      return std::to_string(as_integer());
    case Kind::number: {
      std::ostringstream out;
      out << std::get<double>(m_data);
      return out.str();
    }
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
      std::string out = "[";
      for (std::size_t i = 0; i < as_list().size(); ++i) {
        out += (i ? ", " : "") + as_list()[i].to_display_string();
      }
      return out + "]";
    }
    case Kind::map: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : as_map()) {
        out += (first ? "" : ", ") + k + ": " + v.to_display_string();
        first = false;
      }
      return out + "}";
    }
  }
  return "";
}

std::string Value::kind_name() const { return blueprint::kind_name(kind()); }

util::SourceLocation Value::location() const { return origin ? origin->location() : util::SourceLocation{}; }

bool Value::same_data(const Value& other) const {
  if (kind() != other.kind()) {
    return false;
  }
  switch (kind()) {
    case Kind::list: {
      if (as_list().size() != other.as_list().size()) {
        return false;
      }
      for (std::size_t i = 0; i < as_list().size(); ++i) {
        if (!as_list()[i].same_data(other.as_list()[i])) {
          return false;
        }
      }
      return true;
    }
    case Kind::map: {
      if (as_map().size() != other.as_map().size()) {
        return false;
      }
      for (std::size_t i = 0; i < as_map().size(); ++i) {
        if (as_map()[i].first != other.as_map()[i].first || !as_map()[i].second.same_data(other.as_map()[i].second)) {
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

const char* kind_name(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::null: return "null";
    case Value::Kind::boolean: return "a boolean";
    case Value::Kind::integer: return "an integer";
    case Value::Kind::number: return "a number";
    case Value::Kind::string: return "a string";
    case Value::Kind::list: return "a list";
    case Value::Kind::map: return "a map";
    case Value::Kind::reference: return "a reference";
    case Value::Kind::interpolation: return "an interpolated string";
  }
  return "a value";
}

}  // namespace dharma::blueprint

// TEMPORARY (guard branch): until main's resolved.cpp lands.
#include "dharma/blueprint/resolved.hpp"
namespace dharma::blueprint {
util::SourceLocation ResolvedResource::location_of(const std::string& dotted_path) const {
  const Value* node = nullptr;
  for (const auto& [key, value] : properties) {
    if (key == dotted_path) {
      node = &value;
    }
  }
  if (node != nullptr && node->origin != nullptr) {
    return node->location();
  }
  return origin != nullptr ? origin->location() : util::SourceLocation{};
}
}  // namespace dharma::blueprint
