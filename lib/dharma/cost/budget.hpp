#pragma once
// Monthly budgets: `--budget AMOUNT` or `cost: {budget: AMOUNT}` in the
// project's dharma.yaml. Amounts are USD; another currency is refused until
// dharma can price in it.

#include <filesystem>
#include <optional>
#include <string>

#include "dharma/cost/estimate.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::cost {

// Parses `500`, `500.25`, `$500`, `500 USD` or `USD 500`. Throws
// util::Error (exit 2) for negative, non-numeric or non-USD amounts, naming `what`.
double parse_amount(const std::string& text, const std::string& what);

// The budget in `file` (dharma.yaml), or nullopt when the file or its
// `cost.budget` is absent. Problems go to `diagnostics`.
std::optional<Budget> read_project_budget(const std::filesystem::path& file, util::Diagnostics& diagnostics);

}  // namespace dharma::cost
