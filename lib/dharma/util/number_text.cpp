#include "dharma/util/number_text.hpp"

#include <cmath>
#include <cstdio>

namespace dharma::util {

std::string fixed_text(double value, int decimals) {
  if (std::isnan(value)) {
    return "nan";
  }
  if (std::isinf(value)) {
    return value < 0 ? "-inf" : "inf";
  }
  const int size = std::snprintf(nullptr, 0, "%.*f", decimals, value);
  if (size <= 0) {
    return "nan";
  }
  std::string text(static_cast<std::size_t>(size) + 1, '\0');
  std::snprintf(text.data(), text.size(), "%.*f", decimals, value);
  text.resize(static_cast<std::size_t>(size));
  return text;
}

}  // namespace dharma::util
