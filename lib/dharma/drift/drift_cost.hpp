#pragma once
// The monthly cost of the drift, priced with cost/: for each blueprint
// resource with `changed` findings, every blueprint property a changed
// attribute carries (`instance_type: ${size}` in the mapping renders `size`)
// takes the actual value, and the resource is priced both ways with the
// same catalog. A counted resource (`count: 3`) whose instances the state
// does not hold as many of (one missing, two added by hand) is priced at
// the number it runs. Changes no priced property carried cost nothing; a
// resource the catalog cannot price either way, or whose price the changes
// do not move, is left out.

#include <string>
#include <vector>

#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/cost/facts.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/drift/findings.hpp"

namespace dharma::drift {

// Fills report.costs and report.cost_currency. `catalog` may be null (no
// catalog for the provider: nothing is priced). With `mappings`, a changed
// attribute moves the property its provider mapping renders into it
// (carried_properties.hpp), whatever form the actual value takes; changes
// the mapping does not name move a property only when they carried its
// value verbatim.
void price_drift(const cost::BlueprintFacts& facts, const cost::PriceCatalog* catalog, DriftReport& report,
                 const catalog::MappingCatalog* mappings = nullptr);

}  // namespace dharma::drift
