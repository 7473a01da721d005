#pragma once
// Units that prices are quoted in, and how dharma turns them into monthly
// amounts and text. Monthly = hourly × 730 (the providers' own convention:
// 8,760 hours a year / 12).

#include <optional>
#include <string>
#include <string_view>

namespace dharma::cost {

constexpr double k_hours_per_month = 730.0;
constexpr double k_months_per_year = 12.0;
// The largest amount, price or quantity dharma reads (10^15): far above any
// real bill, and low enough that every product and sum it enters stays a
// finite number a report can print.
constexpr double k_max_amount = 1e15;
constexpr const char* k_max_amount_text = "1,000,000,000,000,000";

enum class PriceUnit {
  hour,              // per resource-hour
  unit_hour,         // per capacity-unit-hour (load balancer LCUs)
  gb_month,          // per GB stored for a month
  gb,                // per GB transferred or processed
  million_requests,  // per million requests; quantity is a request count
  gb_second,         // per GB-second of function compute
};

std::optional<PriceUnit> parse_price_unit(std::string_view text);
const char* price_unit_name(PriceUnit unit);
// `/h`, `/GB-month`... appended to a unit price.
const char* price_unit_suffix(PriceUnit unit);
// Monthly cost of `quantity` at `unit_price`.
double monthly_cost(PriceUnit unit, double unit_price, double quantity);
// `6`, `180 GB`, `2,000,000 requests`...
std::string format_quantity(PriceUnit unit, double quantity);

// `$1,234.56` (`decimals` places, rounded half away from zero).
std::string format_money(double amount, int decimals = 2);
// `$0.0416`: as many decimals as the price needs, at least two.
std::string format_unit_price(double price);
// A number without trailing zeros: 100, 0.5, 1234.25.
std::string format_number(double value);
// `amount` rounded to `decimals` places, for JSON output.
double round_to(double amount, int decimals);

}  // namespace dharma::cost
