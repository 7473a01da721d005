// cost::Scalar::of_number's text is printf's %g, for every kind of number a
// blueprint can hold (it shows in the estimate's notes).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "dharma/cost/facts.hpp"

namespace {

std::string printf_g(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

TEST_CASE("Scalar::of_number writes a number as printf's %g does") {
  const double values[] = {0.0,
                           -0.0,
                           1.0,
                           -1.0,
                           0.1,
                           2.5,
                           30.0,
                           0.0416,
                           123456.0,
                           1234567.0,
                           999999.5,
                           1e-4,
                           1e-5,
                           0.000123456789,
                           1e21,
                           -3.75e-7,
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity(),
                           std::nan("")};
  for (const double value : values) {
    INFO("value " << printf_g(value));
    CHECK(dharma::cost::Scalar::of_number(value).text == printf_g(value));
  }
  for (int i = -400; i <= 400; ++i) {
    const double value = std::pow(10.0, i / 10.0) * (i % 2 == 0 ? 1 : -1);
    INFO("value " << printf_g(value));
    CHECK(dharma::cost::Scalar::of_number(value).text == printf_g(value));
  }
}
