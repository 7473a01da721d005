#pragma once
// Dates dharma compares against: suppression expiry (guard) and the UTC day
// API calls are counted for (state).

#include <string>

namespace dharma::util {

// Today's date in UTC as YYYY-MM-DD.
std::string today_utc();

}  // namespace dharma::util
