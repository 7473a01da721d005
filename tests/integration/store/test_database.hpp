#pragma once
// A throwaway database with dharma's schema for one test case: created by
// the schema owner on the stack's server, migrated with dharma's migrations,
// dropped (WITH (FORCE), so PgBouncer's pooled connections do not block it)
// when the object goes away.

#include <string>

#include "dharma/state/connection_settings.hpp"

namespace dharma::testing {

class TestDatabase {
 public:
  explicit TestDatabase(const std::string& name);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  state::Endpoint app() const;    // through PgBouncer as dharma_app
  state::Endpoint owner() const;  // straight to PostgreSQL as the owner
  // Runs `sql` as the owner and returns the first column of the first row ("" when none).
  std::string owner_query(const std::string& sql) const;
  // Creates an active tenant and returns its id.
  std::string create_tenant(const std::string& slug) const;

 private:
  std::string m_name;
  std::string m_admin_url;
};

}  // namespace dharma::testing
