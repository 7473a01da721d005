#include "dharma/cost/facts.hpp"

#include <charconv>

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
  // std::to_chars with a precision writes what printf's %.6g (%g) does, without parsing a format.
  char buffer[64];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 6);
  scalar.text.assign(buffer, written.ptr);
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
