#pragma once
// The monthly cost of the drift, priced with cost/: for each blueprint
// resource with `changed` findings, every blueprint property whose value a
// changed attribute carried as rendered (`instance_type: ${size}` renders
// `size`) takes the actual value, and the resource is priced both ways with
// the same catalog. Changes no priced property carried cost nothing; a
// resource the catalog cannot price either way, or whose price the changes
// do not move, is left out.

#include <string>
#include <vector>

#include "dharma/cost/facts.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/drift/findings.hpp"

namespace dharma::drift {

// Fills report.costs and report.cost_currency. `catalog` may be null (no
// catalog for the provider: nothing is priced).
void price_drift(const cost::BlueprintFacts& facts, const cost::PriceCatalog* catalog, DriftReport& report);

}  // namespace dharma::drift
