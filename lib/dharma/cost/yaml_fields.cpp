#include "dharma/cost/yaml_fields.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "dharma/cost/money.hpp"
#include "dharma/util/text.hpp"

namespace dharma::cost::fields {

bool expect_map(const yaml::Node& node, const std::string& what, util::Diagnostics& diagnostics) {
  if (node.is_map()) {
    return true;
  }
  diagnostics.error(node.location(), what + " must be a mapping, not " + node.kind_name());
  return false;
}

void check_keys(const yaml::Node& node, std::initializer_list<const char*> known, const std::string& what,
                util::Diagnostics& diagnostics) {
  const std::vector<std::string> names(known.begin(), known.end());
  for (const auto& [key, value] : node.entries) {
    if (std::find(names.begin(), names.end(), key->scalar) == names.end()) {
      diagnostics.error(key->location(), "unknown key " + util::quoted(key->scalar) + " in " + what +
                                             util::did_you_mean(key->scalar, names));
    }
  }
}

std::optional<std::string> string_value(const yaml::Node& node, const std::string& what,
                                        util::Diagnostics& diagnostics) {
  if (node.is_scalar()) {
    return node.scalar;
  }
  diagnostics.error(node.location(), what + " must be a string, not " + node.kind_name());
  return std::nullopt;
}

std::optional<double> non_negative_number(const yaml::Node& node, const std::string& what,
                                          util::Diagnostics& diagnostics) {
  const auto number = node.is_scalar() && node.plain ? yaml::as_number(node) : std::nullopt;
  if (!number || !std::isfinite(*number)) {
    const std::string shown = node.is_scalar() ? util::quoted(node.scalar) : node.kind_name();
    diagnostics.error(node.location(), what + " must be a number, not " + shown);
    return std::nullopt;
  }
  if (*number < 0) {
    diagnostics.error(node.location(), what + " must not be negative (got " + node.scalar + ")");
    return std::nullopt;
  }
  if (*number > k_max_amount) {
    diagnostics.error(node.location(), what + " must be at most " + k_max_amount_text + " (got " + node.scalar + ")");
    return std::nullopt;
  }
  return number;
}

const yaml::Node* required(const yaml::Node& map, const char* key, const std::string& what,
                           util::Diagnostics& diagnostics) {
  const auto* value = map.find(key);
  if (value == nullptr) {
    diagnostics.error(map.location(), what + " is missing required key " + util::quoted(key));
  }
  return value;
}

}  // namespace dharma::cost::fields
