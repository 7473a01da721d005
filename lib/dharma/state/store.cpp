#include "dharma/state/store.hpp"

#include <thread>

#include "dharma/state/checksum.hpp"
#include "dharma/state/store_statements.hpp"
#include "dharma/util/connection_url.hpp"
#include "dharma/util/error.hpp"

namespace dharma::state {

Store::Store(Endpoint endpoint, StoreOptions options)
    : m_endpoint(std::move(endpoint)),
      m_options(options),
      m_cache_scope(options.cache_scope.empty()
                        ? sha256_hex(util::mask_password(m_endpoint.url)).substr(0, 12)
                        : options.cache_scope) {}

void Store::run_for_tenant(const std::string& tenant_id, const Work& work) {
  run(tenant_id, work);
}

void Store::run_without_tenant(const Work& work) {
  run(std::nullopt, work);
}

std::optional<std::string> Store::find_tenant(const std::string& slug) {
  std::optional<std::string> id;
  run_without_tenant([&](pqxx::work& tx) {
    const auto row = tx.exec_params1("SELECT dharma_tenant_id($1)", slug);
    if (!row[0].is_null()) {
      id = row[0].as<std::string>();
    }
  });
  return id;
}

void Store::run(const std::optional<std::string>& tenant_id, const Work& work) {
  with_retries([&] {
    pqxx::work tx(m_database->connection());
    tx.exec("SET LOCAL statement_timeout = " + std::to_string(m_options.statement_timeout.count()) +
            "; SET LOCAL lock_timeout = " + std::to_string(m_options.lock_timeout.count()));
    if (tenant_id) {
      // set_config(..., true) is SET LOCAL with a bound parameter.
      tx.exec_params("SELECT set_config('dharma.tenant_id', $1, true)", *tenant_id);
    }
    work(tx);
    tx.commit();
  });
}

namespace {

StatementRows plain_rows(const pqxx::result& result) {
  StatementRows rows;
  rows.reserve(result.size());
  for (const auto& row : result) {
    StatementRow& values = rows.emplace_back();
    values.reserve(row.size());
    for (const auto& field : row) {
      values.push_back(field.is_null() ? std::nullopt
                                       : StatementValue(std::string(field.c_str(), field.size())));
    }
  }
  return rows;
}

// "ERROR:  quota exceeded (...)\nCONTEXT: ..." -> "quota exceeded (...)".
std::string primary_message(const std::string& what) {
  std::string message = what.substr(0, what.find('\n'));
  const std::string prefix = "ERROR:  ";
  return message.compare(0, prefix.size(), prefix) == 0 ? message.substr(prefix.size()) : message;
}

}  // namespace

StatementRows Store::execute(const StoreStatement& statement) {
  StatementRows rows;
  try {
    with_retries([&] {
      pqxx::nontransaction tx(m_database->connection());
      try {
        rows =
            plain_rows(tx.exec_params(statement.sql, pqxx::prepare::make_dynamic_params(statement.params)));
      } catch (const pqxx::broken_connection& error) {
        if (statement.writes) {
          throw pqxx::in_doubt_error(error.what());  // it may have been committed: never sent twice
        }
        throw;
      }
    });
  } catch (const pqxx::sql_error& error) {
    if (error.sqlstate() == k_quota_exceeded_state) {
      throw util::Error(primary_message(error.what()), util::ExitCode::refused);
    }
    throw;
  }
  return rows;
}

void Store::with_retries(const std::function<void()>& attempt_once) {
  auto backoff = m_options.first_backoff;
  for (int attempt = 1;; ++attempt) {
    m_last_attempts = attempt;
    try {
      if (!m_database) {
        m_database = std::make_unique<Database>(m_endpoint);
      }
      attempt_once();
      return;
    } catch (const pqxx::in_doubt_error& error) {
      m_database.reset();
      throw util::Error("the connection to " + m_endpoint.describe() +
                            " broke while committing; the change may or may not have been saved (" +
                            server_message(error, m_endpoint) + "); check before running the command again",
                        util::ExitCode::unavailable);
    } catch (const pqxx::broken_connection& error) {
      m_database.reset();
      if (attempt >= m_options.max_attempts) {
        throw_connection_lost(m_endpoint, error);
      }
    } catch (const pqxx::sql_error& error) {
      if (error.sqlstate() == "42P01" || error.sqlstate() == "42883") {
        const std::string message = server_message(error, m_endpoint);
        throw util::Error(m_endpoint.describe() + " does not have dharma's schema (" +
                              message.substr(0, message.find('\n')) + "); run `dharma db migrate` first",
                          util::ExitCode::unavailable);
      }
      throw;
    } catch (const util::Error& error) {
      // Connecting failed (Database throws util::Error, exit 3): retry that too.
      m_database.reset();
      if (error.code() != util::ExitCode::unavailable || attempt >= m_options.max_attempts) {
        throw;
      }
    }
    std::this_thread::sleep_for(backoff);
    backoff *= 2;
  }
}

}  // namespace dharma::state
