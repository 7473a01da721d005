#include "dharma/cost/budget.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

#include "dharma/cost/money.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::cost {
namespace {

bool is_currency_code(const std::string& text) {
  return text.size() == 3 && std::isupper(static_cast<unsigned char>(text[0])) != 0 &&
         std::isupper(static_cast<unsigned char>(text[1])) != 0 &&
         std::isupper(static_cast<unsigned char>(text[2])) != 0;
}

// `1,000` and `12,345.50` group thousands; `2,5` (a decimal comma) and `1,00` do not.
bool valid_thousands_separators(const std::string& amount) {
  if (amount.find(',') == std::string::npos) {
    return true;
  }
  const std::string whole = amount.substr(0, amount.find('.'));
  if (amount.find(',', whole.size()) != std::string::npos) {
    return false;  // a ',' after the decimal point
  }
  const auto groups = util::split(whole, ',');
  const std::string& lead = groups.front();
  const bool signed_lead = !lead.empty() && (lead[0] == '-' || lead[0] == '+');
  const std::size_t lead_digits = lead.size() - (signed_lead ? 1 : 0);
  if (lead_digits < 1 || lead_digits > 3) {
    return false;
  }
  for (std::size_t i = 1; i < groups.size(); ++i) {
    if (groups[i].size() != 3) {
      return false;
    }
  }
  return true;
}

}  // namespace

double parse_amount(const std::string& text, const std::string& what) {
  std::string amount = util::trim(text);
  std::string currency = "USD";
  const auto space = amount.find(' ');
  if (space != std::string::npos) {
    std::string first = amount.substr(0, space);
    std::string second = util::trim(amount.substr(space + 1));
    if (is_currency_code(first)) {
      currency = first;
      amount = second;
    } else if (is_currency_code(second)) {
      currency = second;
      amount = first;
    }
  } else if (amount.size() > 3 && is_currency_code(amount.substr(amount.size() - 3))) {
    currency = amount.substr(amount.size() - 3);
    amount = amount.substr(0, amount.size() - 3);
  }
  if (!amount.empty() && amount.front() == '$') {
    amount.erase(0, 1);
  }
  if (!valid_thousands_separators(amount)) {
    throw util::Error(what + ": " + util::quoted(text) +
                      " is not an amount: a ',' may only separate thousands (1,000 or 1,000.50); write "
                      "decimals with a '.'");
  }
  amount = util::replace_all(amount, ",", "");  // thousands separators: 1,000
  if (currency != "USD") {
    throw util::Error(what + ": currency " + util::quoted(currency) +
                      " is not supported yet; dharma's price catalogs are in USD, so give the amount in USD");
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(amount.data(), amount.data() + amount.size(), value);
  if (amount.empty() || ec != std::errc() || end != amount.data() + amount.size() || !std::isfinite(value)) {
    throw util::Error(what + ": " + util::quoted(text) +
                      " is not an amount (expected a number of USD, e.g. 500 or 499.99)");
  }
  if (value < 0) {
    throw util::Error(what + ": the amount must not be negative (got " + text + ")");
  }
  if (value > k_max_amount) {
    throw util::Error(what + ": the amount must be at most " + k_max_amount_text + " (got " + text + ")");
  }
  return value;
}

std::optional<Budget> read_project_budget(const std::filesystem::path& file, util::Diagnostics& diagnostics) {
  std::error_code ec;
  if (!util::optional_file_exists(file) || std::filesystem::is_directory(file, ec)) {
    return std::nullopt;
  }
  const auto root = yaml::load_file(file.string(), diagnostics);
  if (!root || !root->is_map()) {
    if (root && !root->is_null()) {
      diagnostics.error(root->location(), "dharma.yaml must be a mapping");
    }
    return std::nullopt;
  }
  const auto* cost = root->find("cost");
  if (cost == nullptr) {
    return std::nullopt;
  }
  yaml::MapReader section(*cost, "the cost section of dharma.yaml", diagnostics);
  if (!section.is_map()) {
    return std::nullopt;
  }
  section.allow_only({"budget", "currency"});
  if (const auto* currency = cost->find("currency"); currency != nullptr && currency->scalar != "USD") {
    diagnostics.error(currency->location(), "currency " + util::quoted(currency->scalar) +
                                                " is not supported yet: dharma prices in USD only");
    return std::nullopt;
  }
  const auto value = section.number("budget", 0, k_max_amount);
  if (!value) {
    return std::nullopt;
  }
  return Budget{*value, file.filename().string()};
}

}  // namespace dharma::cost
