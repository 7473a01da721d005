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
// lines show $0 with a note). Check the usage file with check_usage().
Estimate estimate_cost(const BlueprintFacts& facts, const PriceCatalog* catalog, const UsageFile* usage);

// Reports usage entries that none of `estimates` uses: a resource in none of
// them, or a quantity none of that resource's lines reads. A diff checks one
// usage file against both of its sides this way.
void check_usage(const UsageFile& usage, const std::vector<const Estimate*>& estimates,
                 util::Diagnostics& diagnostics);

}  // namespace dharma::cost
