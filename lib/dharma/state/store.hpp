#pragma once
// The state store: PostgreSQL through PgBouncer in transaction pooling mode,
// as the application role, so row-level security applies.
//
// Rules it keeps for the pooler: one transaction per unit of work; the tenant
// is set with `SET LOCAL dharma.tenant_id` inside that transaction (never a
// session SET); statements are parameterised with exec_params (the unnamed
// statement, never a named prepared statement); statement and lock waits are
// bounded with SET LOCAL. A unit of work is retried, with backoff, only when
// the connection broke before COMMIT was sent — then PostgreSQL rolled it
// back and running it again is safe. A connection lost during COMMIT leaves
// the outcome unknown, so that is reported (exit 3), never retried. The hot
// operations skip the unit of work: each is one statement in autocommit
// (execute, store_statements.hpp) calling a SQL function that sets the
// tenant itself (V011, V012).

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "dharma/state/connection_settings.hpp"
#include "dharma/state/database.hpp"
#include "dharma/state/store_statement.hpp"

namespace dharma::state {

struct StoreOptions {
  int max_attempts = 3;                          // tries of one unit of work
  std::chrono::milliseconds first_backoff{100};  // doubled after each failed try
  std::chrono::milliseconds statement_timeout{30'000};
  std::chrono::milliseconds lock_timeout{10'000};
  std::string cache_scope;  // names the database in cache keys; empty: derived from the URL
};

class Store {
 public:
  using Work = std::function<void(pqxx::work&)>;

  explicit Store(Endpoint endpoint, StoreOptions options = {});

  // Runs `work` in one transaction whose tenant is `tenant_id` (a UUID) and
  // commits it. Exceptions from `work` roll back and propagate; a lost
  // connection is retried as described above, then throws util::Error (exit 3).
  void run_for_tenant(const std::string& tenant_id, const Work& work);

  // Runs `work` in one transaction with no tenant set: only tenant-less
  // operations (resolving a slug) see anything.
  void run_without_tenant(const Work& work);

  // Runs `statement` (store_statements.hpp) in autocommit — one round trip,
  // the unnamed statement, the tenant set by the SQL function it calls — and
  // returns its rows as text. A read is retried on a lost connection like a
  // unit of work (a read is always safe to retry); a write whose connection
  // broke is reported in doubt (exit 3), never sent again. A quota overrun
  // raised by the statement (k_quota_exceeded_state) becomes util::Error
  // exit 4 with its message.
  StatementRows execute(const StoreStatement& statement);

  // The id of the active tenant `slug`, or nothing.
  std::optional<std::string> find_tenant(const std::string& slug);

  // The tenant as cache keys name it: "<database>.<tenant id>", where
  // <database> is a hash of this store's URL (password masked). Two databases
  // sharing one Redis never share keys — not even for a tenant imported into
  // both with the same id.
  std::string cache_tenant(const std::string& tenant_id) const { return m_cache_scope + "." + tenant_id; }
  const std::string& cache_scope() const { return m_cache_scope; }

  // How many attempts the last unit of work needed (for tests and logs).
  int last_attempts() const { return m_last_attempts; }

 private:
  void run(const std::optional<std::string>& tenant_id, const Work& work);
  // Calls `attempt` until it succeeds, retrying (with backoff) only a lost
  // connection or a failed connect; maps the errors as described above.
  void with_retries(const std::function<void()>& attempt);

  Endpoint m_endpoint;
  StoreOptions m_options;
  std::string m_cache_scope;
  std::unique_ptr<Database> m_database;
  int m_last_attempts = 0;
};

}  // namespace dharma::state
