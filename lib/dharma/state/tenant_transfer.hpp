#pragma once
// `dharma tenant export|import`: a tenant's data as one JSON document.
//
// The document holds the tenant row (with its quotas) and every row of
// k_transfer_tables, each exactly as PostgreSQL stores it (to_jsonb of the
// row, ids and timestamps included), ordered by id so two exports of the same
// data are byte-identical. Import runs in one transaction for the document's
// tenant: it inserts the tenant and each row with ON CONFLICT (id) DO
// NOTHING, so importing twice changes nothing, and row-level security
// refuses any row whose tenant_id is not the document's. Deployments, guard
// runs, cost estimates, drift reports and the audit log are not exported.

#include <array>
#include <string>

#include "dharma/state/store.hpp"

namespace dharma::state {

// In foreign-key order.
inline constexpr std::array<const char*, 5> k_transfer_tables{"projects", "environments", "users",
                                                              "blueprints", "blueprint_versions"};

struct ImportOutcome {
  std::string tenant_id;
  std::string slug;
  bool tenant_created = false;
  long rows_inserted = 0;  // rows of k_transfer_tables that were new
};

// The document for tenant `tenant_id`, pretty-printed JSON.
std::string export_tenant(Store& store, const std::string& tenant_id);

// Imports `document` (as export_tenant writes it). Throws util::Error exit 2
// for a malformed document, exit 4 when its slug belongs to another tenant.
ImportOutcome import_tenant(Store& store, const std::string& document, const std::string& actor);

}  // namespace dharma::state
