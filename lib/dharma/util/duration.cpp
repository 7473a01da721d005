#include "dharma/util/duration.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

namespace dharma::util {
namespace {

struct Unit {
  std::string_view name;
  std::int64_t nanoseconds;
};

// Longer names first so "ms" is not read as "m" followed by "s".
constexpr Unit k_units[] = {
    {"ns", 1},
    {"us", 1'000},
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"m", 60'000'000'000LL},
    {"h", 3'600'000'000'000LL},
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  long double total = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t number_start = at;
    while (at < text.size() && is_digit(text[at])) {
      ++at;
    }
    if (at < text.size() && text[at] == '.') {
      ++at;
      while (at < text.size() && is_digit(text[at])) {
        ++at;
      }
    }
    const std::string_view number = text.substr(number_start, at - number_start);
    if (number.empty() || number == "." || number.size() > 30) {
      return std::nullopt;
    }
    const Unit* unit = nullptr;
    for (const auto& candidate : k_units) {
      if (text.substr(at, candidate.name.size()) == candidate.name) {
        unit = &candidate;
        break;
      }
    }
    if (unit == nullptr) {
      return std::nullopt;
    }
    at += unit->name.size();
    total += std::stold(std::string(number)) * static_cast<long double>(unit->nanoseconds);
  }
  if (!std::isfinite(total) || total > static_cast<long double>(std::numeric_limits<std::int64_t>::max())) {
    return std::nullopt;
  }
  return std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(total)));
}

std::string format_duration(std::chrono::nanoseconds duration) {
  std::int64_t left = duration.count();
  if (left <= 0) {
    return "0s";
  }
  std::string text;
  for (auto it = std::rbegin(k_units); it != std::rend(k_units); ++it) {
    const std::int64_t count = left / it->nanoseconds;
    if (count > 0) {
      text += std::to_string(count);
      text += it->name;
      left -= count * it->nanoseconds;
    }
  }
  return text;
}

}  // namespace dharma::util
