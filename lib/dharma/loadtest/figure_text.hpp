#pragma once
// How the report outputs spell a figure for people, the same in the text
// summary, the comparison and the HTML page.

#include <cstdint>
#include <string>

namespace dharma::loadtest {

// 850us, 12.35ms, 2.10s.
std::string latency_text(double us);
// 1234.5 (one decimal).
std::string rate_text(double per_second);
// 1.25 % (two decimals).
std::string percent_text(double fraction);

}  // namespace dharma::loadtest
