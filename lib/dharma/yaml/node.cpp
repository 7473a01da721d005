#include "dharma/yaml/node.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <unordered_set>

namespace dharma::yaml {

const std::string* intern_file_name(std::string_view name) {
  static std::mutex mutex;
  // Never destroyed: nodes kept to the end of the process (docs/ARCHITECTURE.md,
  // "Fast exit") still point into it. An unordered_set's elements do not move.
  static auto* names = new std::unordered_set<std::string>();
  const std::lock_guard lock(mutex);
  return &*names->emplace(name).first;
}

util::SourceLocation Node::location() const {
  return {file ? *file : std::string(), line, column};
}

const Node* Node::find(std::string_view key) const {
  if (kind != Kind::map) {
    return nullptr;
  }
  for (const auto& [k, v] : entries) {
    if (k->scalar == key) {
      return v.get();
    }
  }
  return nullptr;
}

const Node* Node::find_key(std::string_view key) const {
  if (kind != Kind::map) {
    return nullptr;
  }
  for (const auto& [k, v] : entries) {
    if (k->scalar == key) {
      return k.get();
    }
  }
  return nullptr;
}

std::string Node::kind_name() const {
  switch (kind) {
    case Kind::null:
      return "null";
    case Kind::sequence:
      return "a list";
    case Kind::map:
      return "a mapping";
    case Kind::scalar:
      break;
  }
  if (!plain) {
    return "a string";
  }
  if (as_bool(*this)) {
    return "a boolean";
  }
  if (as_integer(*this)) {
    return "an integer";
  }
  if (as_number(*this)) {
    return "a number";
  }
  if (is_null_scalar(*this)) {
    return "null";
  }
  return "a string";
}

bool is_null_scalar(const Node& node) {
  if (node.kind == Kind::null) {
    return true;
  }
  return node.kind == Kind::scalar && node.plain &&
         (node.scalar == "null" || node.scalar == "Null" || node.scalar == "NULL" || node.scalar == "~" ||
          node.scalar.empty());
}

std::optional<bool> as_bool(const Node& node) {
  if (node.kind != Kind::scalar || !node.plain) {
    return std::nullopt;
  }
  const std::string& s = node.scalar;
  if (s == "true" || s == "True" || s == "TRUE") {
    return true;
  }
  if (s == "false" || s == "False" || s == "FALSE") {
    return false;
  }
  return std::nullopt;
}

std::optional<long long> as_integer(const Node& node) {
  if (node.kind != Kind::scalar || !node.plain || node.scalar.empty()) {
    return std::nullopt;
  }
  std::string_view s = node.scalar;
  if (s.front() == '+') {
    s.remove_prefix(1);
  }
  long long value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size()) {
    return std::nullopt;
  }
  return value;
}

namespace {

bool is_integer_text(std::string_view s) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    s.remove_prefix(1);
  }
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

bool is_float_text(const std::string& s) {
  if (s.empty()) {
    return false;
  }
  // Core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
  std::size_t i = 0;
  if (s[i] == '+' || s[i] == '-') {
    ++i;
  }
  bool digits = false;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) {
    ++i;
    digits = true;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) {
      ++i;
      digits = true;
    }
  }
  if (!digits) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      ++i;
    }
    bool exponent_digits = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) {
      ++i;
      exponent_digits = true;
    }
    if (!exponent_digits) {
      return false;
    }
  }
  return i == s.size();
}

}  // namespace

std::optional<double> as_number(const Node& node) {
  if (node.kind != Kind::scalar || !node.plain || node.scalar.empty()) {
    return std::nullopt;
  }
  if (auto integer = as_integer(node)) {
    return static_cast<double>(*integer);
  }
  if (!is_float_text(node.scalar)) {
    return std::nullopt;
  }
  const double value = std::strtod(node.scalar.c_str(), nullptr);
  if (!std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

NumberRange number_range(const std::string& text) {
  if (is_integer_text(text)) {
    std::string_view digits = text;
    if (digits.front() == '+') {
      digits.remove_prefix(1);
    }
    long long value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return ec == std::errc() && end == digits.data() + digits.size() ? NumberRange::fits
                                                                     : NumberRange::integer_too_large;
  }
  if (is_float_text(text) && !std::isfinite(std::strtod(text.c_str(), nullptr))) {
    return NumberRange::number_too_large;
  }
  return NumberRange::fits;
}

}  // namespace dharma::yaml
