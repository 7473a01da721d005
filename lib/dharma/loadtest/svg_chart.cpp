#include "dharma/loadtest/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "dharma/util/text.hpp"

namespace dharma::loadtest {

namespace {

constexpr double k_width = 720;
constexpr double k_height = 240;
constexpr double k_left = 70;  // room for the y labels
constexpr double k_right = 10;
constexpr double k_top = 24;  // room for the legend
constexpr double k_bottom = 28;

std::string coordinate(double value) {
  return fmt::format("{:.1f}", value);
}

// The smallest 1, 2 or 5 × 10^k at or above `value` (1 for 0).
double nice_ceiling(double value) {
  if (!(value > 0) || !std::isfinite(value)) {
    return 1;
  }
  const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (step * magnitude >= value) {
      return step * magnitude;
    }
  }
  return 10 * magnitude;
}

std::string svg_open(const std::string& id, const std::string& title, double height) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + util::html_escape(id) +
         "\" role=\"img\" viewBox=\"0 0 " + coordinate(k_width) + " " + coordinate(height) + "\" width=\"" +
         coordinate(k_width) + "\" height=\"" + coordinate(height) + "\"><title>" + util::html_escape(title) +
         "</title>";
}

}  // namespace

std::string line_chart(const std::string& id, const std::string& title, const std::vector<double>& x_seconds,
                       const std::vector<ChartSeries>& series, std::string (*format_value)(double)) {
  double top = 0;
  for (const auto& line : series) {
    for (double value : line.values) {
      if (std::isfinite(value)) {
        top = std::max(top, value);
      }
    }
  }
  const double y_max = nice_ceiling(top);
  const double x_max = x_seconds.empty() ? 1 : std::max(1.0, x_seconds.back());
  const double plot_width = k_width - k_left - k_right;
  const double plot_height = k_height - k_top - k_bottom;
  auto x_at = [&](double x) { return k_left + x / x_max * plot_width; };
  auto y_at = [&](double y) { return k_top + plot_height - std::clamp(y / y_max, 0.0, 1.0) * plot_height; };

  std::string out = svg_open(id, title, k_height);
  for (int i = 0; i <= 4; ++i) {
    const double value = y_max * i / 4;
    const double y = y_at(value);
    out += "<line x1=\"" + coordinate(k_left) + "\" x2=\"" + coordinate(k_width - k_right) + "\" y1=\"" +
           coordinate(y) + "\" y2=\"" + coordinate(y) + "\" stroke=\"#dde\"/>";
    out += "<text x=\"" + coordinate(k_left - 6) + "\" y=\"" + coordinate(y + 4) + "\" text-anchor=\"end\">" +
           util::html_escape(format_value(value)) + "</text>";
  }
  out += "<text x=\"" + coordinate(k_left) + "\" y=\"" + coordinate(k_height - 8) + "\">0s</text>";
  out += "<text x=\"" + coordinate(k_width - k_right) + "\" y=\"" + coordinate(k_height - 8) +
         "\" text-anchor=\"end\">" + fmt::format("{:g}", x_max) + "s</text>";
  double legend_x = k_left;
  for (const auto& line : series) {
    std::string points;
    double line_max = 0;
    for (std::size_t i = 0; i < line.values.size() && i < x_seconds.size(); ++i) {
      if (!std::isfinite(line.values[i])) {
        continue;
      }
      line_max = std::max(line_max, line.values[i]);
      points += (points.empty() ? "" : " ") + coordinate(x_at(x_seconds[i])) + "," +
                coordinate(y_at(line.values[i]));
    }
    out += "<polyline data-series=\"" + util::html_escape(line.name) + "\" data-points=\"" +
           std::to_string(line.values.size()) + "\" data-max=\"" + fmt::format("{}", line_max) +
           "\" fill=\"none\" stroke-width=\"2\" stroke=\"" + line.colour + "\" points=\"" + points + "\"/>";
    out += "<rect x=\"" + coordinate(legend_x) + "\" y=\"6\" width=\"12\" height=\"12\" fill=\"" +
           line.colour + "\"/>";
    out +=
        "<text x=\"" + coordinate(legend_x + 16) + "\" y=\"16\">" + util::html_escape(line.name) + "</text>";
    legend_x += 30 + 8 * static_cast<double>(line.name.size());
  }
  return out + "</svg>";
}

std::string bar_chart(const std::string& id, const std::string& title, const std::vector<ChartBar>& bars) {
  double top = 0;
  for (const auto& bar : bars) {
    top = std::max(top, bar.value);
  }
  const double y_max = nice_ceiling(top);
  const double height = k_height + 40;  // room for slanted labels
  const double plot_width = k_width - k_left - k_right;
  const double plot_height = k_height - k_top - k_bottom;
  const double slot = bars.empty() ? plot_width : plot_width / static_cast<double>(bars.size());
  std::string out = svg_open(id, title, height);
  for (int i = 0; i <= 4; ++i) {
    const double value = y_max * i / 4;
    const double y = k_top + plot_height - plot_height * i / 4;
    out += "<line x1=\"" + coordinate(k_left) + "\" x2=\"" + coordinate(k_width - k_right) + "\" y1=\"" +
           coordinate(y) + "\" y2=\"" + coordinate(y) + "\" stroke=\"#dde\"/>";
    out += "<text x=\"" + coordinate(k_left - 6) + "\" y=\"" + coordinate(y + 4) + "\" text-anchor=\"end\">" +
           fmt::format("{:g}", value) + "</text>";
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double bar_height = bars[i].value / y_max * plot_height;
    const double x = k_left + slot * static_cast<double>(i);
    out += "<rect data-label=\"" + util::html_escape(bars[i].label) + "\" data-count=\"" +
           fmt::format("{}", bars[i].value) + "\" x=\"" + coordinate(x + 1) + "\" y=\"" +
           coordinate(k_top + plot_height - bar_height) + "\" width=\"" +
           coordinate(std::max(1.0, slot - 2)) + "\" height=\"" + coordinate(bar_height) +
           "\" fill=\"#3b6ea8\"><title>" + util::html_escape(bars[i].label) + ": " +
           fmt::format("{}", bars[i].value) + "</title></rect>";
    const double label_x = x + slot / 2;
    const double label_y = k_top + plot_height + 12;
    out += "<text x=\"" + coordinate(label_x) + "\" y=\"" + coordinate(label_y) +
           "\" text-anchor=\"end\" transform=\"rotate(-40 " + coordinate(label_x) + " " +
           coordinate(label_y) + ")\">" + util::html_escape(bars[i].label) + "</text>";
  }
  return out + "</svg>";
}

}  // namespace dharma::loadtest
