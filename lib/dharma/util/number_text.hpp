#pragma once
// Fixed-point text for any double. printf into a fixed buffer truncates a
// large value (1e70 has 71 digits before the point), and code that then looks
// for the '.' finds none; these helpers size the text to the value and spell
// the non-finite values, so no amount can break a report.

#include <string>

namespace dharma::util {

// `value` with exactly `decimals` digits after the point ("1234.50"), however
// large; "inf", "-inf" or "nan" for the non-finite values.
std::string fixed_text(double value, int decimals);

}  // namespace dharma::util
