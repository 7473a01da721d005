#include "dharma/policy/field_reader.hpp"

#include "dharma/util/text.hpp"

namespace dharma::policy {

FieldReader::FieldReader(const yaml::Node& map, std::string what, util::Diagnostics& diagnostics)
    : m_map(map), m_what(std::move(what)), m_diagnostics(diagnostics) {}

void FieldReader::allow_only(const std::vector<std::string>& known) {
  for (const auto& [key, value] : m_map.entries) {
    bool ok = false;
    for (const auto& name : known) {
      ok = ok || key->scalar == name;
    }
    if (!ok) {
      error(*key, "unknown field " + util::quoted(key->scalar) + " in " + m_what +
                      util::did_you_mean(key->scalar, known));
    }
  }
}

const yaml::Node* FieldReader::node(const std::string& key, bool required) {
  const yaml::Node* value = m_map.find(key);
  if (value == nullptr && required) {
    error(m_map, m_what + " is missing required field " + util::quoted(key));
  }
  return value;
}

std::optional<std::string> FieldReader::string(const std::string& key, bool required) {
  const yaml::Node* value = node(key, required);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_scalar() || value->scalar.empty()) {
    error(*value, util::quoted(key) + " must be a non-empty string, not " +
                      (value->is_scalar() ? std::string("an empty string") : value->kind_name()));
    return std::nullopt;
  }
  return value->scalar;
}

std::optional<std::vector<std::string>> FieldReader::strings(const std::string& key, bool required) {
  const yaml::Node* value = node(key, required);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_sequence()) {
    error(*value, util::quoted(key) + " must be a list of strings, not " + value->kind_name());
    return std::nullopt;
  }
  std::vector<std::string> result;
  bool ok = true;
  for (const auto& item : value->items) {
    if (!item->is_scalar() || item->scalar.empty()) {
      error(*item, util::quoted(key) + " must hold non-empty strings, not " + item->kind_name());
      ok = false;
    } else {
      result.push_back(item->scalar);
    }
  }
  return ok ? std::optional(result) : std::nullopt;
}

bool expect_map(const yaml::Node& node, const std::string& what, util::Diagnostics& diagnostics) {
  if (!node.is_map()) {
    diagnostics.error(node.location(), what + " must be a mapping, not " + node.kind_name());
    return false;
  }
  return true;
}

}  // namespace dharma::policy
