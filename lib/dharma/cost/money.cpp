#include "dharma/cost/money.hpp"

#include <cmath>

#include "dharma/util/number_text.hpp"

namespace dharma::cost {
namespace {

std::string group_thousands(const std::string& digits) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[i];
    const std::size_t remaining = n - i - 1;
    if (remaining > 0 && remaining % 3 == 0) {
      out += ',';
    }
  }
  return out;
}

}  // namespace

std::optional<PriceUnit> parse_price_unit(std::string_view text) {
  for (auto unit : {PriceUnit::hour, PriceUnit::unit_hour, PriceUnit::gb_month, PriceUnit::gb,
                    PriceUnit::million_requests, PriceUnit::gb_second}) {
    if (text == price_unit_name(unit)) {
      return unit;
    }
  }
  return std::nullopt;
}

const char* price_unit_name(PriceUnit unit) {
  switch (unit) {
    case PriceUnit::hour:
      return "hour";
    case PriceUnit::unit_hour:
      return "unit_hour";
    case PriceUnit::gb_month:
      return "gb_month";
    case PriceUnit::gb:
      return "gb";
    case PriceUnit::million_requests:
      return "million_requests";
    case PriceUnit::gb_second:
      return "gb_second";
  }
  return "hour";
}

const char* price_unit_suffix(PriceUnit unit) {
  switch (unit) {
    case PriceUnit::hour:
      return "/h";
    case PriceUnit::unit_hour:
      return "/unit-h";
    case PriceUnit::gb_month:
      return "/GB-month";
    case PriceUnit::gb:
      return "/GB";
    case PriceUnit::million_requests:
      return "/1M requests";
    case PriceUnit::gb_second:
      return "/GB-s";
  }
  return "";
}

double monthly_cost(PriceUnit unit, double unit_price, double quantity) {
  switch (unit) {
    case PriceUnit::hour:
    case PriceUnit::unit_hour:
      return unit_price * quantity * k_hours_per_month;
    case PriceUnit::million_requests:
      return unit_price * quantity / 1'000'000.0;
    case PriceUnit::gb_month:
    case PriceUnit::gb:
    case PriceUnit::gb_second:
      return unit_price * quantity;
  }
  return 0;
}

std::string format_quantity(PriceUnit unit, double quantity) {
  const std::string number = format_number(quantity);
  switch (unit) {
    case PriceUnit::hour:
      return number;
    case PriceUnit::unit_hour:
      return number + (quantity == 1 ? " unit" : " units");
    case PriceUnit::gb_month:
    case PriceUnit::gb:
      return number + " GB";
    case PriceUnit::million_requests:
      return number + " requests";
    case PriceUnit::gb_second:
      return number + " GB-s";
  }
  return number;
}

double round_to(double amount, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double scaled = amount * scale;
  if (!std::isfinite(scaled)) {
    return amount;  // too large for its decimals to matter (or not a number at all)
  }
  return std::round(scaled) / scale;
}

std::string format_money(double amount, int decimals) {
  if (!std::isfinite(amount)) {
    return std::isnan(amount) ? "$nan" : (amount < 0 ? "-$inf" : "$inf");
  }
  const double rounded = round_to(amount, decimals);
  const bool negative = rounded < 0;
  const std::string text = util::fixed_text(std::fabs(rounded), decimals);
  const auto dot = text.find('.');
  const std::string whole = dot == std::string::npos ? text : text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot);
  return std::string(negative ? "-$" : "$") + group_thousands(whole) + fraction;
}

std::string format_unit_price(double price) {
  std::string text = util::fixed_text(price, 10);
  const auto dot = text.find('.');
  while (dot != std::string::npos && text.back() == '0' && text.size() - dot > 3) {
    text.pop_back();
  }
  return "$" + text;
}

std::string format_number(double value) {
  if (std::fabs(value - std::round(value)) < 1e-9 && std::fabs(value) < 1e15) {
    return group_thousands(std::to_string(static_cast<long long>(std::llround(std::fabs(value)))))
        .insert(0, value < 0 ? "-" : "");
  }
  std::string text = util::fixed_text(value, 6);
  if (text.find('.') == std::string::npos) {
    return text;  // inf, nan
  }
  while (text.back() == '0') {
    text.pop_back();
  }
  if (text.back() == '.') {
    text.pop_back();
  }
  return text;
}

}  // namespace dharma::cost
