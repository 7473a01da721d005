#include "dharma/cost/facts.hpp"

#include <cstdio>

namespace dharma::cost {

Scalar Scalar::of_string(std::string value) {
  Scalar scalar;
  scalar.kind = Kind::string;
  scalar.text = std::move(value);
  return scalar;
}

Scalar Scalar::of_number(double value) {
  Scalar scalar;
  scalar.kind = Kind::number;
  scalar.number = value;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  scalar.text = buffer;
  return scalar;
}

Scalar Scalar::of_bool(bool value) {
  Scalar scalar;
  scalar.kind = Kind::boolean;
  scalar.flag = value;
  scalar.text = value ? "true" : "false";
  return scalar;
}

const Scalar* ResourceFacts::property(const std::string& key) const {
  const auto it = properties.find(key);
  return it == properties.end() ? nullptr : &it->second;
}

}  // namespace dharma::cost
