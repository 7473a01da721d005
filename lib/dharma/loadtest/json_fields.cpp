#include "dharma/loadtest/json_fields.hpp"

namespace dharma::loadtest::json_fields {

namespace {

const char* kind_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "a list";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number";
    default:
      return "something else";
  }
}

[[noreturn]] void wrong(const nlohmann::json& value, const std::string& where, const char* expected) {
  throw JsonShapeError(where, std::string("expected ") + expected + ", found " + kind_name(value));
}

}  // namespace

std::string child(const std::string& where, const std::string& key) {
  std::string escaped;
  for (char c : key) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return where + "/" + escaped;
}

std::string child(const std::string& where, std::size_t index) {
  return where + "/" + std::to_string(index);
}

const nlohmann::json* optional_member(const nlohmann::json& object, const std::string& key,
                                      const std::string& where) {
  if (!object.is_object()) {
    wrong(object, where.empty() ? "/" : where, "an object");
  }
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

const nlohmann::json& member(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const auto* found = optional_member(object, key, where);
  if (found == nullptr) {
    throw JsonShapeError(where.empty() ? "/" : where, "missing \"" + key + "\"");
  }
  return *found;
}

std::int64_t integer(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const auto& value = member(object, key, where);
  if (value.is_number_integer() && !(value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX)) {
    return value.get<std::int64_t>();
  }
  wrong(value, child(where, key), "an integer");
}

std::uint64_t count(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const auto& value = member(object, key, where);
  if (value.is_number_unsigned() || (value.is_number_integer() && value.get<std::int64_t>() >= 0)) {
    return value.get<std::uint64_t>();
  }
  wrong(value, child(where, key), "a count (an integer ≥ 0)");
}

double number(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const auto& value = member(object, key, where);
  if (value.is_number()) {
    return value.get<double>();
  }
  wrong(value, child(where, key), "a number");
}

std::string text(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const auto& value = member(object, key, where);
  if (value.is_string()) {
    return value.get<std::string>();
  }
  wrong(value, child(where, key), "a string");
}

bool boolean(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const auto& value = member(object, key, where);
  if (value.is_boolean()) {
    return value.get<bool>();
  }
  wrong(value, child(where, key), "true or false");
}

const nlohmann::json& array(const nlohmann::json& value, const std::string& where) {
  if (!value.is_array()) {
    wrong(value, where, "a list");
  }
  return value;
}

}  // namespace dharma::loadtest::json_fields
