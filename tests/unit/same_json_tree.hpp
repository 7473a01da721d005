#pragma once
// Test helper: two nlohmann trees with the same value and the same nlohmann
// type at every node (3 and 3.0, 3u and 3 differ here), object members in
// the same order; NaN equals NaN.
#include <cmath>
#include <nlohmann/json.hpp>

namespace dharma::test_support {

inline bool same_json_tree(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) {
    return false;
  }
  if (a.is_array() || a.is_object()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
      if ((a.is_object() && ia.key() != ib.key()) || !same_json_tree(ia.value(), ib.value())) {
        return false;
      }
    }
    return true;
  }
  return a == b || (a.is_number_float() && std::isnan(a.get<double>()) && std::isnan(b.get<double>()));
}

}  // namespace dharma::test_support
