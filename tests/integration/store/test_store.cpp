// Store against the real stack: tenant isolation through PgBouncer, SET LOCAL
// scoping, retry of a unit of work whose connection broke before COMMIT, and
// exit 3 for an unreachable server.
#include <doctest/doctest.h>

#include "dharma/state/store.hpp"
#include "dharma/util/error.hpp"
#include "test_database.hpp"

using dharma::state::Store;
using dharma::testing::TestDatabase;

namespace {

std::string count_projects(Store& store, const std::string& tenant) {
  std::string count;
  store.run_for_tenant(
      tenant, [&](pqxx::work& tx) { count = tx.exec("SELECT count(*) FROM projects")[0][0].c_str(); });
  return count;
}

}  // namespace

TEST_CASE("Store::run_for_tenant, sees and changes only the tenant's rows") {
  TestDatabase database("store_isolation");
  const auto alpha = database.create_tenant("alpha");
  const auto beta = database.create_tenant("beta");
  Store store(database.app());

  std::string beta_project;
  store.run_for_tenant(alpha, [&](pqxx::work& tx) {
    tx.exec_params("INSERT INTO projects (tenant_id, name, created_by) VALUES ($1, 'web', 'test')", alpha);
  });
  store.run_for_tenant(beta, [&](pqxx::work& tx) {
    beta_project = tx.exec_params1(
                         "INSERT INTO projects (tenant_id, name, created_by) VALUES ($1, 'web', 'test') "
                         "RETURNING id",
                         beta)[0]
                       .as<std::string>();
  });
  CHECK(count_projects(store, alpha) == "1");
  CHECK(count_projects(store, beta) == "1");

  // Every check runs on one database: SUBCASEs would re-create it per branch.
  {  // by id
    std::size_t affected = 99;
    store.run_for_tenant(alpha, [&](pqxx::work& tx) {
      affected =
          tx.exec_params("UPDATE projects SET description = 'x' WHERE id = $1", beta_project).affected_rows();
    });
    CHECK(affected == 0);
  }
  {  // writing another tenant's id is refused and rolled back
    CHECK_THROWS_AS(store.run_for_tenant(alpha,
                                         [&](pqxx::work& tx) {
                                           tx.exec_params(
                                               "INSERT INTO projects (tenant_id, name, created_by) "
                                               "VALUES ($1, 'evil', 'test')",
                                               beta);
                                         }),
                    pqxx::sql_error);
    std::string evil;
    store.run_for_tenant(beta, [&](pqxx::work& tx) {
      evil = tx.exec("SELECT count(*) FROM projects WHERE name = 'evil'")[0][0].c_str();
    });
    CHECK(evil == "0");
  }
  {  // the tenant does not outlive its transaction on pooled connections
    for (int i = 0; i < 5; ++i) {
      std::string leaked = "unset";
      store.run_without_tenant([&](pqxx::work& tx) {
        leaked = tx.exec("SELECT coalesce(current_setting('dharma.tenant_id', true), '')")[0][0].c_str();
      });
      CHECK(leaked == "");
    }
  }
}

TEST_CASE("Store::find_tenant, resolves active slugs only") {
  TestDatabase database("store_find");
  const auto alpha = database.create_tenant("alpha");
  Store store(database.app());
  CHECK(store.find_tenant("alpha") == alpha);
  CHECK_FALSE(store.find_tenant("nobody").has_value());
}

TEST_CASE("Store::run, retries a unit of work whose connection broke before COMMIT") {
  TestDatabase database("store_retry");
  const auto alpha = database.create_tenant("alpha");
  Store store(database.app());
  int calls = 0;
  store.run_for_tenant(alpha, [&](pqxx::work& tx) {
    ++calls;
    tx.exec_params("INSERT INTO projects (tenant_id, name, created_by) VALUES ($1, 'once', 'test')", alpha);
    if (calls == 1) {
      // The server side of this connection dies mid-transaction.
      tx.exec("SELECT pg_terminate_backend(pg_backend_pid())");
    }
  });
  CHECK(calls == 2);
  CHECK(store.last_attempts() == 2);
  CHECK(count_projects(store, alpha) == "1");
}

TEST_CASE("Store::run, exits 3 naming the server when it cannot be reached") {
  dharma::state::StoreOptions options;
  options.first_backoff = std::chrono::milliseconds(1);
  Store store({"postgresql://dharma_app:hunter22@127.0.0.1:1/dharma", "test", "PgBouncer"}, options);
  try {
    store.run_without_tenant([](pqxx::work&) {});
    FAIL("no exception");
  } catch (const dharma::util::Error& error) {
    CHECK(error.code() == dharma::util::ExitCode::unavailable);
    const std::string message = error.what();
    CHECK(message.find("postgresql://dharma_app:****@127.0.0.1:1/dharma") != std::string::npos);
    CHECK(message.find("hunter22") == std::string::npos);
  }
  CHECK(store.last_attempts() == 3);
}
