#include "dharma/policy/condition.hpp"

#include <array>

namespace dharma::policy {

namespace {
constexpr std::array k_operators{"exists",  "absent", "equals", "not_equals", "in",  "not_in",
                                 "matches", "gt",     "gte",    "lt",         "lte", "contains",
                                 "length",  "every",  "some",   "none"};
}

const char* operator_name(Operator op) {
  return k_operators.at(static_cast<std::size_t>(op));
}

std::optional<Operator> parse_operator(const std::string& text) {
  for (std::size_t i = 0; i < k_operators.size(); ++i) {
    if (text == k_operators[i]) {
      return static_cast<Operator>(i);
    }
  }
  return std::nullopt;
}

std::vector<std::string> operator_names() {
  return {k_operators.begin(), k_operators.end()};
}

}  // namespace dharma::policy
