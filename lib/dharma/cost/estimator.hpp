#pragma once
// Prices a blueprint from a price catalog (docs/cost.md, "How prices are computed").

#include "dharma/cost/estimate.hpp"
#include "dharma/cost/facts.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/cost/usage.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::cost {

// Prices every resource of `facts`. `catalog` may be null (no catalog for the
// provider: everything is "not priced"); `usage` may be null (usage-based
// lines show $0 with a note). Usage entries for unknown resources or
// quantities a resource does not use are errors in `diagnostics`.
Estimate estimate_cost(const BlueprintFacts& facts, const PriceCatalog* catalog, const UsageFile* usage,
                       util::Diagnostics& diagnostics);

}  // namespace dharma::cost
