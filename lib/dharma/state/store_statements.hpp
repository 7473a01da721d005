#pragma once
// The store's hot operations as data: for each, the SQL text with $n
// placeholders and its parameters in text format (one statement, one round
// trip; the SQL functions it calls set the tenant themselves, V011/V012), and
// a decoder from plain rows to the domain result.
//
// Plain rows (text values, nullopt for NULL) are what both a pqxx result and
// a libpq PGresult give, so the Store (through pqxx, Store::execute) and the
// loadtest engine (non-blocking libpq, PQsendQueryParams with the unnamed
// statement) run exactly the same SQL and read it with the same code. Nothing
// here touches a connection.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dharma/state/blueprint_store.hpp"
#include "dharma/state/store_statement.hpp"
#include "dharma/state/tenant_store.hpp"

namespace dharma::state {

// blueprint pull: NAME@VERSION (the latest when `version` is empty), with the
// resolved form only for PullContent::with_resolved (V011).
StoreStatement blueprint_version_statement(const std::string& tenant_id, const std::string& project,
                                           const std::string& name, std::optional<int> version,
                                           PullContent content);
// The version found, or nothing when the tenant has no such blueprint or version.
std::optional<BlueprintVersion> decode_blueprint_version(const StatementRows& rows,
                                                         const std::string& project, const std::string& name,
                                                         PullContent content);

// blueprint list: the tenant's blueprints (of `project` when not empty),
// ordered by project and name (V012).
StoreStatement blueprint_list_statement(const std::string& tenant_id, const std::string& project);
std::vector<BlueprintSummary> decode_blueprint_list(const StatementRows& rows);

// blueprint push: one transaction in one statement with push's rules (V012):
// the tenant row locked, project and blueprint created when new within their
// quotas, a version added only when the content differs from the latest,
// the audit row. A quota overrun fails with SQLSTATE k_quota_exceeded_state.
StoreStatement blueprint_push_statement(const std::string& tenant_id, const BlueprintPush& request);
PushOutcome decode_blueprint_push(const StatementRows& rows);
inline constexpr const char* k_quota_exceeded_state = "DQ001";

// The tenant row with its quotas (V012).
StoreStatement tenant_statement(const std::string& tenant_id);
std::optional<Tenant> decode_tenant(const StatementRows& rows);

// tenant quota check: the counts against every quota, in k_quota_fields
// order, with the tenant's limits (V012) — `tenant usage` without the cache.
StoreStatement tenant_usage_statement(const std::string& tenant_id);
struct TenantUsageCounts {
  std::vector<double> used;  // k_quota_fields order
  std::vector<long> limits;  // k_quota_fields order
};
std::optional<TenantUsageCounts> decode_tenant_usage(const StatementRows& rows);

// API calls counted in PostgreSQL on `day` (YYYY-MM-DD, UTC): read, or
// counted up by one first when `increment` (V012).
StoreStatement api_calls_statement(const std::string& tenant_id, const std::string& day, bool increment);
std::int64_t decode_api_calls(const StatementRows& rows);

// The operations a benchmark or load test names ("pull" is the uncached
// read), each as the statement above for one target. Push's source is "0"
// here; a caller that wants a new version each time replaces parameter
// k_push_source_param.
enum class StoreOperation { pull, list, usage, api_calls, push };
std::optional<StoreOperation> store_operation_named(
    const std::string& name);  // pull|list|usage|api-calls|push
struct StoreTarget {
  std::string tenant_id;
  std::string project;
  std::string name;
  int version = 1;
};
StoreStatement statement_for(StoreOperation operation, const StoreTarget& target);
inline constexpr std::size_t k_push_source_param = 3;

// `statement` as a pgbench script (-M extended sends :pN as parameters, so
// pgbench runs the same SQL as the unnamed statement) plus the -D arguments
// that give :p1..:pN their values. With `random_param`, that parameter is
// instead a random number drawn per transaction (`\set`), e.g. push's source
// so every push stores a new version. NULL parameters cannot be passed to
// pgbench: such a statement is refused (util::Error).
struct PgbenchScript {
  std::string script;
  std::vector<std::string> defines;  // "pN=value", one per fixed parameter
};
PgbenchScript pgbench_script(const StoreStatement& statement,
                             std::optional<std::size_t> random_param = std::nullopt);

}  // namespace dharma::state
