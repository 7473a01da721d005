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
// the outcome unknown, so that is reported (exit 3), never retried.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <pqxx/pqxx>

#include "dharma/state/connection_settings.hpp"
#include "dharma/state/database.hpp"

namespace dharma::state {

struct StoreOptions {
  int max_attempts = 3;                                  // tries of one unit of work
  std::chrono::milliseconds first_backoff{100};          // doubled after each failed try
  std::chrono::milliseconds statement_timeout{30'000};
  std::chrono::milliseconds lock_timeout{10'000};
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

  // The id of the active tenant `slug`, or nothing.
  std::optional<std::string> find_tenant(const std::string& slug);

  // How many attempts the last unit of work needed (for tests and logs).
  int last_attempts() const { return m_last_attempts; }

 private:
  void run(const std::optional<std::string>& tenant_id, const Work& work);

  Endpoint m_endpoint;
  StoreOptions m_options;
  std::unique_ptr<Database> m_database;
  int m_last_attempts = 0;
};

}  // namespace dharma::state
