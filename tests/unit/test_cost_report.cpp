// Reports: money formatting, deterministic output, and an HTML page that is
// well-formed, self-contained and holds the figures.

#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "cost_test_support.hpp"
#include "dharma/cost/estimator.hpp"
#include "dharma/cost/recommend.hpp"
#include "dharma/cost/report.hpp"

using namespace dharma;
using namespace dharma::cost;
using namespace dharma::cost::testing;

namespace {

Estimate sample() {
  auto estimate = estimate_cost(
      facts_of("prod",
               {resource("web", "compute.instance", {{"size", str("t3.medium")}, {"disk_gb", num(30)}}, 2),
                resource("db <main>", "database.postgres",
                         {{"size", str("db.t3.large")}, {"storage_gb", num(100)}}),
                resource("role", "aws_iam_role", {})}),
      &shipped_catalog("aws"), nullptr);
  recommend(estimate, shipped_catalog("aws"));
  estimate.budget = Budget{100, "--budget"};
  return estimate;
}

// A small XML well-formedness check: every tag closes in order (void
// elements self-closed), attributes quoted, entities known. Returns the
// first problem, or an empty string.
std::string xml_problem(const std::string& html) {
  std::vector<std::string> open;
  std::size_t i = html.find("<html");
  if (i == std::string::npos) {
    return "no <html> element";
  }
  // std::regex is avoided: GCC 12 reports false maybe-uninitialized warnings
  // in it under ASan, which -Werror turns into a failed build.
  auto known_entity = [](const std::string& text) {
    const std::size_t end = text.find(';');
    const std::string name = end == std::string::npos ? "" : text.substr(1, end - 1);
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot") {
      return true;
    }
    return name.size() > 1 && name[0] == '#' && name.find_first_not_of("0123456789", 1) == std::string::npos;
  };
  while (i < html.size()) {
    const std::size_t lt = html.find('<', i);
    const std::string text = html.substr(i, (lt == std::string::npos ? html.size() : lt) - i);
    for (std::size_t amp = text.find('&'); amp != std::string::npos; amp = text.find('&', amp + 1)) {
      if (!known_entity(text.substr(amp, 10))) {
        return "bad entity near: " + text.substr(amp, 12);
      }
    }
    if (lt == std::string::npos) {
      break;
    }
    const std::size_t gt = html.find('>', lt);
    if (gt == std::string::npos) {
      return "unterminated tag";
    }
    std::string tag = html.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (tag.empty()) {
      return "empty tag";
    }
    if (tag.front() == '/') {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name) {
        return "unbalanced </" + name + ">";
      }
      open.pop_back();
      continue;
    }
    const bool self_closed = tag.back() == '/';
    const std::string name = tag.substr(0, tag.find_first_of(" /"));
    const std::string attributes = tag.substr(name.size());
    if (std::count(attributes.begin(), attributes.end(), '"') % 2 != 0) {
      return "unbalanced quotes in <" + name + ">";
    }
    if (!self_closed) {
      open.push_back(name);
    }
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

}  // namespace

TEST_CASE("format_money, rounding and separators") {
  CHECK(format_money(0) == "$0.00");
  CHECK(format_money(1234567.891) == "$1,234,567.89");
  CHECK(format_money(-3.5) == "-$3.50");
  CHECK(format_money(0.27906, 4) == "$0.2791");
  CHECK(format_unit_price(0.0416) == "$0.0416");
  CHECK(format_unit_price(0.1) == "$0.10");
  CHECK(format_unit_price(0.0000166667) == "$0.0000166667");
  CHECK(format_quantity(PriceUnit::gb_month, 180) == "180 GB");
  CHECK(format_quantity(PriceUnit::million_requests, 2000000) == "2,000,000 requests");
}

TEST_CASE("format_money and friends, any double gives whole text") {
  const std::string huge = format_money(1e70);
  CHECK(huge.rfind("$10,000,000,000,000,000,", 0) == 0);
  CHECK(huge.size() == 1 + 71 + 23 + 3);  // $, 71 digits, 23 separators, .00
  CHECK(huge.substr(huge.size() - 3) == ".00");
  CHECK(format_money(-1e300).rfind("-$1,000,000,", 0) == 0);
  CHECK(format_money(std::numeric_limits<double>::infinity()) == "$inf");
  CHECK(format_money(-std::numeric_limits<double>::infinity()) == "-$inf");
  CHECK(format_money(std::numeric_limits<double>::quiet_NaN()) == "$nan");
  CHECK(format_money(4.9e-324) == "$0.00");
  CHECK(format_unit_price(1e308).size() > 300);
  CHECK(format_unit_price(0.0416) == "$0.0416");
  CHECK(format_number(1e100).rfind("1", 0) == 0);
  CHECK(format_number(1e100).size() == 101);
  CHECK(format_number(1.5e300).size() == 301);
  CHECK(format_number(std::numeric_limits<double>::infinity()) == "inf");
}

TEST_CASE("render_estimate, html is well-formed, self-contained and holds the figures") {
  const auto estimate = sample();
  const std::string html = render_estimate(estimate, ReportFormat::html, {true});
  CHECK(xml_problem(html) == "");
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("http://") ==
        html.find("http://www.w3.org/2000/svg"));  // the SVG namespace is the only URL
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find(format_money(estimate.monthly)) != std::string::npos);
  CHECK(html.find("db &lt;main&gt;") != std::string::npos);
  CHECK(html.find("$60.74") != std::string::npos);  // web: 2 × t3.medium
  CHECK(html.find("EXCEEDED") != std::string::npos);
}

TEST_CASE("render_estimate, the same estimate gives the same bytes") {
  for (auto format : {ReportFormat::table, ReportFormat::json, ReportFormat::markdown, ReportFormat::html}) {
    CHECK(render_estimate(sample(), format, {true}) == render_estimate(sample(), format, {true}));
  }
}

TEST_CASE("render_estimate, json totals and statuses") {
  const std::string json = render_estimate(sample(), ReportFormat::json, {false});
  CHECK(json.find("\"status\": \"not_priced\"") != std::string::npos);
  CHECK(json.find("\"recommendations\"") == std::string::npos);
  CHECK(json.find("\"exceeded\": true") != std::string::npos);
}

TEST_CASE("render_diff, markdown headline") {
  const auto before = estimate_cost(
      facts_of("dev",
               {resource("web", "compute.instance", {{"size", str("t3.micro")}, {"disk_gb", num(8)}})}),
      &shipped_catalog("aws"), nullptr);
  const auto after = estimate_cost(facts_of("dev", {}), &shipped_catalog("aws"), nullptr);
  const std::string markdown =
      render_diff(diff_estimates(before, after, "a.yaml", "b.yaml"), ReportFormat::markdown);
  CHECK(markdown.find("Monthly cost **$8.23 → $0.00** (-$8.23, -100.0%)") != std::string::npos);
  CHECK(markdown.find("| web | compute.instance | removed | $8.23 | - | -$8.23 | t3.micro |") !=
        std::string::npos);
}
