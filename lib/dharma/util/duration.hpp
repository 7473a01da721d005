#pragma once
// Durations as people write them in files and flags: "250ms", "5s", "2m",
// "1h30m", "1.5s". One parser for every command (loadtest stages, deploy
// health checks and delays, lock waits), so "5s" means the same everywhere.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dharma::util {

// Parses a sequence of <number><unit> parts with units ns, us, ms, s, m, h.
// A bare number without a unit, a negative value, an empty text or a value
// past about 292 years is nullopt.
std::optional<std::chrono::nanoseconds> parse_duration(std::string_view text);

// The shortest exact text parse_duration reads back: "1m30s", "250ms", "0s".
std::string format_duration(std::chrono::nanoseconds duration);

}  // namespace dharma::util
