#include "test_database.hpp"

#include <unistd.h>

#include <cstdlib>
#include <pqxx/pqxx>

#include "dharma/state/migration_set.hpp"
#include "dharma/state/migrator.hpp"
#include "dharma/util/connection_url.hpp"

namespace dharma::testing {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

TestDatabase::TestDatabase(const std::string& name)
    : m_name("dt_" + name + "_" + std::to_string(getpid())),
      m_admin_url(util::with_database(env("DHARMA_DATABASE_DIRECT_URL"), "postgres")) {
  pqxx::connection admin(m_admin_url);
  pqxx::nontransaction tx(admin);
  tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(m_name) + " WITH (FORCE)");
  tx.exec("CREATE DATABASE " + tx.quote_name(m_name));
  state::ConnectionSettings settings;
  settings.migration = owner();
  settings.direct = owner();
  const auto files = state::load_migrations(std::filesystem::path(DHARMA_SOURCE_DIR) / "migrations");
  util::SilentStatus silent;
  state::Migrator(settings, files, silent).migrate({});
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin(m_admin_url);
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(m_name) + " WITH (FORCE)");
  } catch (const std::exception&) {
    // The server may be gone at the end of a fault test; the name is unique per process.
  }
}

state::Endpoint TestDatabase::app() const {
  return {util::with_database(env("DHARMA_DATABASE_URL"), m_name), "test", "PgBouncer"};
}

state::Endpoint TestDatabase::owner() const {
  return {util::with_database(env("DHARMA_DATABASE_DIRECT_URL"), m_name), "test", "PostgreSQL (direct)"};
}

std::string TestDatabase::owner_query(const std::string& sql) const {
  pqxx::connection connection(owner().url);
  pqxx::work tx(connection);
  const auto result = tx.exec(sql);
  tx.commit();
  return result.empty() || result[0][0].is_null() ? "" : result[0][0].as<std::string>();
}

std::string TestDatabase::create_tenant(const std::string& slug) const {
  pqxx::connection connection(owner().url);
  pqxx::work tx(connection);
  const auto id = tx.exec_params1("INSERT INTO tenants (slug, name) VALUES ($1, $1) RETURNING id", slug)[0]
                      .as<std::string>();
  tx.commit();
  return id;
}

}  // namespace dharma::testing
