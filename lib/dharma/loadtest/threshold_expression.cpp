// A small hand-written scanner for threshold text: the grammar is a handful
// of fixed shapes (threshold_expression.hpp), so a regex per shape would
// hide more than it says. Values with a unit are durations
// (util::parse_duration) and become microseconds; "%" divides by 100.

#include "dharma/loadtest/threshold_expression.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "dharma/util/duration.hpp"

namespace dharma::loadtest {
namespace {

constexpr std::array<const char*, 9> k_signals{
    "pgbouncer.cl_active", "pgbouncer.cl_waiting",    "pgbouncer.sv_active",
    "pgbouncer.maxwait",   "pgbouncer.xacts",         "pgbouncer.avg_wait",
    "redis.hit_rate",      "redis.connected_clients", "postgres.commits"};
constexpr std::array<const char*, 4> k_counters{"dropped_iterations", "late_starts", "requests", "errors"};

std::string trim(const std::string& text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin])) != 0) {
    ++begin;
  }
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1])) != 0) {
    --end;
  }
  return text.substr(begin, end - begin);
}

bool is_signal(const std::string& name) {
  for (const char* signal : k_signals) {
    if (name == signal) {
      return true;
    }
  }
  return name == "postgres.rollbacks";
}

bool is_counter(const std::string& name) {
  for (const char* counter : k_counters) {
    if (name == counter) {
      return true;
    }
  }
  return false;
}

// "{kind:pull}" at the end of `head` becomes the tag; returns the rest.
std::optional<std::string> take_tag(std::string head, std::string& tag, std::string& error) {
  const auto open = head.find('{');
  if (open == std::string::npos) {
    return head;
  }
  const auto close = head.find('}', open);
  if (close == std::string::npos || close != head.size() - 1) {
    error = "a tag is written {key:value} at the end of the metric";
    return std::nullopt;
  }
  tag = trim(head.substr(open + 1, close - open - 1));
  if (tag.find(':') == std::string::npos || tag.front() == ':' || tag.back() == ':') {
    error = "a tag is written {key:value}, not {" + tag + "}";
    return std::nullopt;
  }
  return trim(head.substr(0, open));
}

std::optional<Aggregation> aggregation_from(const std::string& word, double& percentile, std::string& error) {
  if (word == "avg") {
    return Aggregation::avg;
  }
  if (word == "min") {
    return Aggregation::min;
  }
  if (word == "max") {
    return Aggregation::max;
  }
  if (word == "med") {
    percentile = 50;
    return Aggregation::percentile;
  }
  if (word == "last") {
    return Aggregation::last;
  }
  if (word.size() > 3 && word.compare(0, 2, "p(") == 0 && word.back() == ')') {
    const std::string number = word.substr(2, word.size() - 3);
    char* end = nullptr;
    percentile = std::strtod(number.c_str(), &end);
    if (number.empty() || *end != '\0' || !(percentile > 0 && percentile <= 100)) {
      error = "a percentile is p(N) with N from 0 (exclusive) to 100, not " + word;
      return std::nullopt;
    }
    return Aggregation::percentile;
  }
  error = "unknown aggregation '" + word + "' (use p(N), avg, min, max, med)";
  return std::nullopt;
}

// The bound: a number, a number with "%", or a duration (latency only).
std::optional<double> bound_from(const std::string& text, ThresholdMetric metric, std::string& error) {
  if (text.empty()) {
    error = "the threshold has no value after its comparison";
    return std::nullopt;
  }
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  const std::string unit = trim(end);
  if (end == text.c_str() || !std::isfinite(number) || number < 0) {
    error = "'" + text + "' is not a non-negative number";
    return std::nullopt;
  }
  if (metric == ThresholdMetric::latency) {
    if (unit.empty()) {
      error = "a latency bound needs a unit (us, ms, s), as in 10ms";
      return std::nullopt;
    }
    const auto duration = util::parse_duration(text);
    if (!duration) {
      error = "'" + text + "' is not a duration such as 10ms";
      return std::nullopt;
    }
    return static_cast<double>(duration->count()) / 1000.0;
  }
  if (unit == "%") {
    return number / 100.0;
  }
  if (!unit.empty()) {
    error = "unexpected '" + unit + "' after " + text.substr(0, static_cast<std::size_t>(end - text.c_str()));
    return std::nullopt;
  }
  return number;
}

}  // namespace

std::optional<ThresholdExpression> parse_threshold(const std::string& raw, std::string& error) {
  const std::string text = trim(raw);
  const auto op = text.find_first_of("<>");
  if (op == std::string::npos) {
    error = "a threshold compares with <, <=, > or >=, as in 'p(95) < 10ms'";
    return std::nullopt;
  }
  ThresholdExpression expression;
  const bool equal = op + 1 < text.size() && text[op + 1] == '=';
  expression.comparison = text[op] == '<'
                              ? (equal ? ThresholdComparison::less_equal : ThresholdComparison::less)
                              : (equal ? ThresholdComparison::greater_equal : ThresholdComparison::greater);
  std::string head = trim(text.substr(0, op));
  const std::string value = trim(text.substr(op + (equal ? 2 : 1)));

  // The last word of the head is the aggregation when there are two.
  std::string subject = head;
  std::string word;
  if (const auto space = head.find_last_of(" \t"); space != std::string::npos) {
    subject = trim(head.substr(0, space));
    word = trim(head.substr(space + 1));
  }
  std::string tag = "all";
  if (word.empty()) {
    // One word: p(95), avg..., rate(x){tag}, throughput, a counter.
    auto bare = take_tag(subject, tag, error);
    if (!bare) {
      return std::nullopt;
    }
    if (*bare == "rate(errors)" || *bare == "rate(cache_hit)") {
      expression.metric =
          *bare == "rate(errors)" ? ThresholdMetric::error_rate : ThresholdMetric::cache_hit_rate;
    } else if (*bare == "throughput") {
      expression.metric = ThresholdMetric::throughput;
    } else if (is_counter(*bare)) {
      expression.metric = ThresholdMetric::counter;
      expression.name = *bare;
    } else if (is_signal(*bare)) {
      error = "a server signal needs an aggregation: '" + *bare + " max < N' (max, min, avg, last)";
      return std::nullopt;
    } else {
      const auto aggregation = aggregation_from(*bare, expression.percentile, error);
      if (!aggregation && bare->rfind("p(", 0) == 0) {
        return std::nullopt;  // a percentile written wrong: aggregation_from said how
      }
      if (!aggregation) {
        error = "unknown metric '" + *bare +
                "' (use p(N), avg, max, rate(errors), rate(cache_hit), throughput, a counter, or a signal "
                "with max/min/avg)";
        return std::nullopt;
      }
      expression.metric = ThresholdMetric::latency;
      expression.aggregation = *aggregation;
    }
  } else {
    auto bare = take_tag(subject, tag, error);
    if (!bare) {
      return std::nullopt;
    }
    if (*bare == "latency") {
      expression.metric = ThresholdMetric::latency;
    } else if (is_signal(*bare)) {
      expression.metric = ThresholdMetric::signal;
      expression.name = *bare;
      if (tag != "all") {
        error = "server signals have no tags";
        return std::nullopt;
      }
    } else {
      error = "unknown metric '" + *bare + "' (use latency{tag} or a signal such as pgbouncer.cl_waiting)";
      return std::nullopt;
    }
    const auto aggregation = aggregation_from(word, expression.percentile, error);
    if (!aggregation) {
      return std::nullopt;
    }
    if (expression.metric == ThresholdMetric::signal && *aggregation == Aggregation::percentile) {
      error = "a server signal is judged by max, min, avg or last, not " + word;
      return std::nullopt;
    }
    if (expression.metric == ThresholdMetric::latency && *aggregation == Aggregation::last) {
      error = "latency is judged by p(N), avg, min, max or med, not last";
      return std::nullopt;
    }
    expression.aggregation = *aggregation;
  }
  expression.tag = tag;
  const auto bound = bound_from(value, expression.metric, error);
  if (!bound) {
    return std::nullopt;
  }
  expression.bound = *bound;
  return expression;
}

bool compare(double observed, ThresholdComparison comparison, double bound) {
  switch (comparison) {
    case ThresholdComparison::less:
      return observed < bound;
    case ThresholdComparison::less_equal:
      return observed <= bound;
    case ThresholdComparison::greater:
      return observed > bound;
    case ThresholdComparison::greater_equal:
      return observed >= bound;
  }
  return false;
}

std::string comparison_text(ThresholdComparison comparison) {
  switch (comparison) {
    case ThresholdComparison::less:
      return "<";
    case ThresholdComparison::less_equal:
      return "<=";
    case ThresholdComparison::greater:
      return ">";
    case ThresholdComparison::greater_equal:
      return ">=";
  }
  return "?";
}

}  // namespace dharma::loadtest
