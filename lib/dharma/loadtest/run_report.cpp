#include "dharma/loadtest/run_report.hpp"

#include <cstdio>
#include <ctime>

#include "dharma/util/number_text.hpp"

namespace dharma::loadtest {

std::string observed_text(const ThresholdResult& threshold, int decimals) {
  return threshold.observed ? util::fixed_text(*threshold.observed, decimals) : "no data";
}

std::string iso8601_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::optional<std::chrono::system_clock::time_point> parse_iso8601_utc(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                  &consumed) != 6 ||
      consumed != 19) {
    return std::nullopt;
  }
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    const std::size_t digits_start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      ++at;
    }
    if (at == digits_start) {
      return std::nullopt;
    }
  }
  // Years past 2200 would overflow system_clock's nanoseconds (year 2262).
  if (at + 1 != text.size() || text[at] != 'Z' || year < 1970 || year > 2200 || month < 1 || month > 12 ||
      day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::tm utc{};
  utc.tm_year = year - 1900;
  utc.tm_mon = month - 1;
  utc.tm_mday = day;
  utc.tm_hour = hour;
  utc.tm_min = minute;
  utc.tm_sec = second;
  return std::chrono::system_clock::from_time_t(timegm(&utc));
}

void count_request(RunReport& report, const std::vector<std::string>& tags, std::int64_t latency_us,
                   bool error) {
  auto count_in = [&](TagStats& stats) {
    stats.latency.record(latency_us);
    ++stats.requests;
    if (error) {
      ++stats.errors;
    }
  };
  count_in(report.tags[k_all_tag]);
  for (const auto& tag : tags) {
    if (tag != k_all_tag) {
      count_in(report.tags[tag]);
    }
  }
}

}  // namespace dharma::loadtest
