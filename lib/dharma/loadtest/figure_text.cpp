#include "dharma/loadtest/figure_text.hpp"

#include "dharma/util/number_text.hpp"

namespace dharma::loadtest {

std::string latency_text(double us) {
  if (us < 1000) {
    return util::fixed_text(us, 0) + "us";
  }
  if (us < 1'000'000) {
    return util::fixed_text(us / 1000, 2) + "ms";
  }
  return util::fixed_text(us / 1'000'000, 2) + "s";
}

std::string rate_text(double per_second) {
  return util::fixed_text(per_second, 1);
}

std::string percent_text(double fraction) {
  return util::fixed_text(fraction * 100, 2) + " %";
}

}  // namespace dharma::loadtest
