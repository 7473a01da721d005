// Store::execute against the real stack: a read whose connection breaks is
// sent again (and fails with exit 3 when it keeps breaking), a write whose
// connection breaks is reported in doubt and never sent twice, and a quota
// overrun raised by push's SQL function becomes exit 4 with its message.
#include <doctest/doctest.h>

#include <string>

#include "dharma/state/store.hpp"
#include "dharma/state/store_statements.hpp"
#include "dharma/util/error.hpp"
#include "test_database.hpp"

using dharma::state::Store;
using dharma::state::StoreStatement;
using dharma::testing::TestDatabase;

namespace {

// A statement that kills its own server connection: the client sees the
// connection break after the statement was sent.
StoreStatement self_terminating(bool writes) {
  return {"SELECT pg_terminate_backend(pg_backend_pid())", {}, writes};
}

dharma::state::StoreOptions fast_retries() {
  dharma::state::StoreOptions options;
  options.first_backoff = std::chrono::milliseconds(1);
  return options;
}

}  // namespace

TEST_CASE("Store::execute, sends a read again after a lost connection, up to the attempts") {
  TestDatabase database("execute_read");
  Store store(database.app(), fast_retries());
  try {
    store.execute(self_terminating(false));
    FAIL("no exception");
  } catch (const dharma::util::Error& error) {
    CHECK(error.code() == dharma::util::ExitCode::unavailable);
  }
  CHECK(store.last_attempts() == 3);
}

TEST_CASE("Store::execute, reports a write whose connection broke in doubt and never sends it twice") {
  TestDatabase database("execute_write");
  Store store(database.app(), fast_retries());
  try {
    store.execute(self_terminating(true));
    FAIL("no exception");
  } catch (const dharma::util::Error& error) {
    CHECK(error.code() == dharma::util::ExitCode::unavailable);
    CHECK(std::string(error.what()).find("may or may not have been saved") != std::string::npos);
  }
  CHECK(store.last_attempts() == 1);
}

TEST_CASE("Store::execute, turns push's quota overrun into exit 4 with the server's message") {
  TestDatabase database("execute_quota");
  const auto alpha = database.create_tenant("alpha");
  database.owner_query("UPDATE tenants SET max_projects = 0");
  Store store(database.app());
  try {
    store.execute(dharma::state::blueprint_push_statement(alpha, {"shop", "web", "a: 1", "{}", "tester"}));
    FAIL("no exception");
  } catch (const dharma::util::Error& error) {
    CHECK(error.code() == dharma::util::ExitCode::refused);
    CHECK(std::string(error.what()) == "quota exceeded (0/0 projects)");
  }
}
