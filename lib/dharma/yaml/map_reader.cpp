#include "dharma/yaml/map_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dharma/util/duration.hpp"
#include "dharma/util/text.hpp"

namespace dharma::yaml {
namespace {

// 0.5, 100, 1,000,000: short text for a bound in a message. Whole numbers
// that %g would write with an exponent are written out, grouped by thousands
// the way the cost flags write their cap.
std::string number_text(double value) {
  if (std::fabs(value) >= 1e6 && std::fabs(value) <= 1e18 && value == std::floor(value)) {
    const std::string digits = std::to_string(static_cast<long long>(std::fabs(value)));
    std::string grouped = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) {
        grouped += ',';
      }
      grouped += digits[i];
    }
    return grouped;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

MapReader::MapReader(const Node& map, std::string what, util::Diagnostics& diagnostics)
    : m_map(map), m_what(std::move(what)), m_diagnostics(diagnostics) {
  m_is_map = expect_map(map, m_what, diagnostics);
}

void MapReader::allow_only(const std::vector<std::string>& known) {
  if (!m_is_map) {
    return;
  }
  for (const auto& [key, value] : m_map.entries) {
    if (std::find(known.begin(), known.end(), key->scalar) == known.end()) {
      error(*key, "unknown key " + util::quoted(key->scalar) + " in " + m_what +
                      util::did_you_mean(key->scalar, known));
    }
  }
}

void MapReader::allow_only(std::initializer_list<std::string_view> known) {
  allow_only(std::vector<std::string>(known.begin(), known.end()));
}

const Node* MapReader::node(std::string_view key, Need need) {
  const Node* value = m_is_map ? m_map.find(key) : nullptr;
  if (value != nullptr && value->is_null()) {
    value = nullptr;
  }
  if (value == nullptr && need == Need::required && m_is_map) {
    error(m_map, m_what + " is missing required key " + util::quoted(key));
  }
  return value;
}

std::string MapReader::describe(std::string_view key) const {
  return util::quoted(key) + " in " + m_what;
}

std::optional<std::string> MapReader::string(std::string_view key, Need need) {
  const Node* value = node(key, need);
  return value == nullptr ? std::nullopt : string_value(*value, describe(key), m_diagnostics);
}

std::optional<std::string> MapReader::choice(std::string_view key, const std::vector<std::string>& choices,
                                             Need need) {
  auto value = string(key, need);
  if (!value || std::find(choices.begin(), choices.end(), *value) != choices.end()) {
    return value;
  }
  error(*m_map.find(key), describe(key) + " must be one of " + util::join(choices, ", ") + ", not " +
                              util::quoted(*value) + util::did_you_mean(*value, choices));
  return std::nullopt;
}

std::optional<bool> MapReader::boolean(std::string_view key, Need need) {
  const Node* value = node(key, need);
  if (value == nullptr) {
    return std::nullopt;
  }
  const auto parsed = value->is_scalar() && value->plain ? as_bool(*value) : std::nullopt;
  if (!parsed) {
    error(*value, describe(key) + " must be true or false, not " + shown(*value));
  }
  return parsed;
}

std::optional<long long> MapReader::integer(std::string_view key, long long min, long long max, Need need) {
  const Node* value = node(key, need);
  if (value == nullptr) {
    return std::nullopt;
  }
  const auto parsed = value->is_scalar() && value->plain ? as_integer(*value) : std::nullopt;
  if (!parsed || *parsed < min || *parsed > max) {
    error(*value, describe(key) + " must be an integer from " + std::to_string(min) + " to " +
                      std::to_string(max) + ", not " + shown(*value));
    return std::nullopt;
  }
  return parsed;
}

std::optional<double> MapReader::number(std::string_view key, double min, double max, Need need) {
  const Node* value = node(key, need);
  return value == nullptr ? std::nullopt : number_value(*value, describe(key), min, max, m_diagnostics);
}

std::optional<double> MapReader::number(std::string_view key, Need need) {
  const Node* value = node(key, need);
  if (value == nullptr) {
    return std::nullopt;
  }
  const auto parsed = value->is_scalar() && value->plain ? as_number(*value) : std::nullopt;
  if (!parsed || !std::isfinite(*parsed)) {
    error(*value, describe(key) + " must be a number, not " + shown(*value));
    return std::nullopt;
  }
  return parsed;
}

std::optional<std::chrono::nanoseconds> MapReader::duration(std::string_view key,
                                                            std::chrono::nanoseconds min,
                                                            std::chrono::nanoseconds max, Need need) {
  const Node* value = node(key, need);
  if (value == nullptr) {
    return std::nullopt;
  }
  const auto parsed = value->is_scalar() ? util::parse_duration(value->scalar) : std::nullopt;
  if (!parsed || *parsed < min || *parsed > max) {
    error(*value, describe(key) + " must be a duration from " + util::format_duration(min) + " to " +
                      util::format_duration(max) + " such as 500ms, 5s or 1m30s, not " + shown(*value));
    return std::nullopt;
  }
  return parsed;
}

std::optional<std::vector<std::string>> MapReader::strings(std::string_view key, Need need) {
  const Node* value = node(key, need);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_sequence()) {
    error(*value, describe(key) + " must be a list of strings, not " + value->kind_name());
    return std::nullopt;
  }
  std::vector<std::string> result;
  bool ok = true;
  for (const auto& item : value->items) {
    if (!item->is_scalar() || item->scalar.empty()) {
      error(*item, describe(key) + " must hold non-empty strings, not " +
                       (item->is_scalar() ? std::string("an empty string") : item->kind_name()));
      ok = false;
    } else {
      result.push_back(item->scalar);
    }
  }
  return ok ? std::optional(std::move(result)) : std::nullopt;
}

const Node* MapReader::mapping(std::string_view key, Need need) {
  const Node* value = node(key, need);
  return value != nullptr && expect_map(*value, describe(key), m_diagnostics) ? value : nullptr;
}

const Node* MapReader::sequence(std::string_view key, Need need) {
  const Node* value = node(key, need);
  return value != nullptr && expect_sequence(*value, describe(key), m_diagnostics) ? value : nullptr;
}

void MapReader::error(const Node& where, std::string message) {
  m_diagnostics.error(where.location(), std::move(message));
}

bool expect_map(const Node& node, std::string_view what, util::Diagnostics& diagnostics) {
  if (node.is_map()) {
    return true;
  }
  diagnostics.error(node.location(), std::string(what) + " must be a mapping, not " + node.kind_name());
  return false;
}

bool expect_sequence(const Node& node, std::string_view what, util::Diagnostics& diagnostics) {
  if (node.is_sequence()) {
    return true;
  }
  diagnostics.error(node.location(), std::string(what) + " must be a list, not " + node.kind_name());
  return false;
}

std::optional<std::string> string_value(const Node& node, std::string_view what,
                                        util::Diagnostics& diagnostics) {
  if (!node.is_scalar() || node.scalar.empty()) {
    diagnostics.error(node.location(),
                      std::string(what) + " must be a non-empty string, not " +
                          (node.is_scalar() ? std::string("an empty string") : node.kind_name()));
    return std::nullopt;
  }
  return node.scalar;
}

std::optional<double> number_value(const Node& node, std::string_view what, double min, double max,
                                   util::Diagnostics& diagnostics) {
  const auto parsed = node.is_scalar() && node.plain ? as_number(node) : std::nullopt;
  if (!parsed || !std::isfinite(*parsed) || *parsed < min || *parsed > max) {
    diagnostics.error(node.location(), std::string(what) + " must be a number from " + number_text(min) +
                                           " to " + number_text(max) + ", not " + shown(node));
    return std::nullopt;
  }
  return parsed;
}

std::string shown(const Node& node) {
  return node.is_scalar() ? util::quoted(node.scalar) : node.kind_name();
}

}  // namespace dharma::yaml
