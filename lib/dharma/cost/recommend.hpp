#pragma once
// Savings recommendations (`--recommend`, docs/cost.md "Recommendations").

#include "dharma/cost/estimate.hpp"
#include "dharma/cost/price_catalog.hpp"

namespace dharma::cost {

// Production, non-production or unknown, from the environment name:
// prod*/production are production; dev, test, qa, staging, preview, sandbox
// (and names starting with them) are not; anything else, including
// "default", is unknown and gets only environment-independent advice.
enum class EnvironmentClass { production, non_production, unknown };
EnvironmentClass classify_environment(const std::string& environment);

// Fills `estimate.recommendations`. Savings on one resource are applied in
// sequence — right-size, then commitment or spot, then storage tier — each
// on the price left by the previous one, so they never double-count; when
// reserved and savings-plan both apply, the larger is counted and the other
// is listed as an alternative (counted = false).
void recommend(Estimate& estimate, const PriceCatalog& catalog);

}  // namespace dharma::cost
