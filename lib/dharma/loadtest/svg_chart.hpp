#pragma once
// Inline SVG charts for the HTML report: a line chart of series over the
// seconds of a run and a bar chart. No scripts, no external assets; the
// markup is well-formed XML. Each element carries data-* attributes with
// the exact figures it draws (data-series, data-max, data-count), so a test
// can read what a browser rendered without measuring pixels.

#include <string>
#include <vector>

namespace dharma::loadtest {

struct ChartSeries {
  std::string name;            // legend text and data-series
  std::string colour;          // CSS colour
  std::vector<double> values;  // one per x
};

// `x_seconds` are the seconds since the run's start of each value;
// `format_value` spells the y-axis labels.
std::string line_chart(const std::string& id, const std::string& title, const std::vector<double>& x_seconds,
                       const std::vector<ChartSeries>& series, std::string (*format_value)(double));

struct ChartBar {
  std::string label;
  double value = 0;
};

std::string bar_chart(const std::string& id, const std::string& title, const std::vector<ChartBar>& bars);

}  // namespace dharma::loadtest
