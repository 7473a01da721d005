#include "dharma/util/number_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace dharma::util {

std::string fixed_text(double value, int decimals) {
  if (std::isnan(value)) {
    return "nan";
  }
  if (std::isinf(value)) {
    return value < 0 ? "-inf" : "inf";
  }
  // std::to_chars writes what printf's "%.*f" writes in the C locale (dharma
  // never sets another), without printf's format parsing; numbers too long
  // for the buffer take the printf path below.
  char buffer[128];
  if (const auto [end, error] =
          std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
      error == std::errc()) {
    return std::string(buffer, end);
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
