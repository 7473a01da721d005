#include "dharma/loadtest/report_compare.hpp"

#include <cmath>
#include <cstdlib>

#include "dharma/loadtest/column_text.hpp"
#include "dharma/loadtest/figure_text.hpp"
#include "dharma/loadtest/tag_summary.hpp"
#include "dharma/util/number_text.hpp"
#include "dharma/util/printable.hpp"

namespace dharma::loadtest {

namespace {

FigureComparison judged(FigureComparison figure, std::optional<double> fail_percent) {
  const double delta = figure.current - figure.previous;
  figure.worse = figure.better == Better::higher ? delta < 0 : delta > 0;
  if (figure.previous != 0) {
    figure.change_percent = delta / std::abs(figure.previous) * 100.0;
  }
  if (figure.worse && fail_percent) {
    figure.regression = !figure.change_percent || std::abs(*figure.change_percent) > *fail_percent;
  }
  return figure;
}

double cache_hit_rate(const RunCounters& counters) {
  const auto lookups = counters.cache_hits + counters.cache_misses;
  return lookups == 0 ? 0.0 : static_cast<double>(counters.cache_hits) / static_cast<double>(lookups);
}

std::string value_text(FigureUnit unit, double value) {
  switch (unit) {
    case FigureUnit::per_second:
      return rate_text(value);
    case FigureUnit::fraction:
      return percent_text(value);
    case FigureUnit::microseconds:
      return latency_text(value);
  }
  return util::fixed_text(value, 3);
}

const char* unit_name(FigureUnit unit) {
  switch (unit) {
    case FigureUnit::per_second:
      return "per_second";
    case FigureUnit::fraction:
      return "fraction";
    case FigureUnit::microseconds:
      return "microseconds";
  }
  return "";
}

}  // namespace

bool Comparison::regressed() const {
  for (const auto& figure : figures) {
    if (figure.regression) {
      return true;
    }
  }
  return false;
}

Comparison compare(const RunReport& current, const RunReport& previous, std::optional<double> fail_percent) {
  Comparison comparison;
  comparison.previous_started_at = previous.started_at;
  comparison.fail_percent = fail_percent;
  for (const auto& entry : current.tags) {
    const std::string& tag = entry.first;  // a named variable: clang 14 cannot capture a structured binding
    const auto& stats = entry.second;
    const auto before = previous.tags.find(tag);
    if (before == previous.tags.end()) {
      continue;
    }
    const auto now = summarize(stats, current.duration);
    const auto then = summarize(before->second, previous.duration);
    auto add = [&](std::string figure, FigureUnit unit, Better better, double was, double is) {
      comparison.figures.push_back(
          judged({tag, std::move(figure), unit, better, was, is, {}, false, false}, fail_percent));
    };
    add("ops/s", FigureUnit::per_second, Better::higher, then.ops_per_second, now.ops_per_second);
    add("error rate", FigureUnit::fraction, Better::lower, then.error_rate, now.error_rate);
    for (std::size_t i : {std::size_t{0}, std::size_t{2}, std::size_t{3}}) {  // p50, p95, p99
      add(percentile_name(i), FigureUnit::microseconds, Better::lower,
          static_cast<double>(then.percentile_us[i]), static_cast<double>(now.percentile_us[i]));
    }
  }
  const bool both_looked_up = current.counters.cache_hits + current.counters.cache_misses > 0 &&
                              previous.counters.cache_hits + previous.counters.cache_misses > 0;
  if (both_looked_up) {
    comparison.figures.push_back(judged({"run",
                                         "cache hit rate",
                                         FigureUnit::fraction,
                                         Better::higher,
                                         cache_hit_rate(previous.counters),
                                         cache_hit_rate(current.counters),
                                         {},
                                         false,
                                         false},
                                        fail_percent));
  }
  return comparison;
}

std::string render_comparison_text(const Comparison& comparison) {
  std::string text = "compared with the run started " + util::printable(comparison.previous_started_at);
  if (comparison.fail_percent) {
    text += ", failing on a regression above " + util::fixed_text(*comparison.fail_percent, 1) + " %";
  }
  text += "\n";
  std::vector<std::vector<std::string>> rows{{"tag", "figure", "previous", "current", "change", ""}};
  for (const auto& figure : comparison.figures) {
    std::string change = "n/a";
    if (figure.change_percent) {
      change = (*figure.change_percent > 0 ? "+" : "") + util::fixed_text(*figure.change_percent, 1) + " %";
    } else if (figure.current == figure.previous) {
      change = "0.0 %";
    }
    rows.push_back({util::printable(figure.tag), figure.figure, value_text(figure.unit, figure.previous),
                    value_text(figure.unit, figure.current), change,
                    figure.regression ? "REGRESSION" : (figure.worse ? "worse" : "")});
  }
  return text + aligned_columns(rows, 2);
}

nlohmann::ordered_json comparison_to_json(const Comparison& comparison) {
  nlohmann::ordered_json json;
  json["previous_started_at"] = comparison.previous_started_at;
  json["fail_percent"] = comparison.fail_percent ? nlohmann::ordered_json(*comparison.fail_percent) : nullptr;
  json["regressed"] = comparison.regressed();
  auto& figures = json["figures"] = nlohmann::ordered_json::array();
  for (const auto& figure : comparison.figures) {
    figures.push_back(
        {{"tag", figure.tag},
         {"figure", figure.figure},
         {"unit", unit_name(figure.unit)},
         {"better", figure.better == Better::higher ? "higher" : "lower"},
         {"previous", figure.previous},
         {"current", figure.current},
         {"change_percent", figure.change_percent ? nlohmann::ordered_json(*figure.change_percent)
                                                  : nlohmann::ordered_json(nullptr)},
         {"worse", figure.worse},
         {"regression", figure.regression}});
  }
  return json;
}

std::optional<double> parse_regression_percent(const std::string& text) {
  std::string number = text;
  if (!number.empty() && number.back() == '%') {
    number.pop_back();
  }
  if (number.empty() || number.find_first_not_of("0123456789.") != std::string::npos) {
    return std::nullopt;
  }
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size() || !std::isfinite(value) || value > 1000) {
    return std::nullopt;
  }
  return value;
}

}  // namespace dharma::loadtest
