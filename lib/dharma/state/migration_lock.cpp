#include "dharma/state/migration_lock.hpp"

#include <unistd.h>

#include <array>

#include "dharma/state/database.hpp"
#include "dharma/util/error.hpp"

namespace dharma::state {
namespace {

constexpr const char* k_live_condition =
    "l.expires_at > now() AND EXISTS (SELECT 1 FROM pg_stat_activity a "
    "WHERE a.pid = l.backend_pid AND a.backend_start = l.backend_start)";

}  // namespace

void take_gate(pqxx::transaction_base& tx, std::chrono::milliseconds wait, const std::string& database) {
  tx.exec("SET LOCAL lock_timeout = " + std::to_string(std::max<std::int64_t>(1, wait.count())));
  try {
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", k_migration_lock_key);
  } catch (const pqxx::sql_error& error) {
    if (error.sqlstate() == "55P03") {
      throw util::Error("another `dharma db migrate` holds the migration lock on " + database + " (waited " +
                            std::to_string((wait.count() + 999) / 1000) +
                            " s); run again when it has finished, or raise --lock-timeout",
                        util::ExitCode::refused);
    }
    throw;
  }
  // The migration's own statements get the server's default lock timeout back.
  tx.exec("SET LOCAL lock_timeout TO DEFAULT");
}

std::optional<Lease> live_lease(pqxx::transaction_base& tx) {
  const auto result = tx.exec(
      std::string(
          "SELECT holder, script, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
          "FROM dharma_migration_lease l WHERE ") +
      k_live_condition);
  if (result.empty()) {
    return std::nullopt;
  }
  return Lease{result[0][0].as<std::string>(), result[0][1].as<std::string>(),
               result[0][2].as<std::string>()};
}

void write_lease(pqxx::transaction_base& tx, const std::string& script, int backend_pid,
                 const std::string& backend_start) {
  tx.exec_params(
      "INSERT INTO dharma_migration_lease (id, holder, script, backend_pid, backend_start, expires_at) "
      "VALUES (1, $1, $2, $3, $4::timestamptz, now() + make_interval(secs => $5)) "
      "ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, script = EXCLUDED.script, "
      "backend_pid = EXCLUDED.backend_pid, backend_start = EXCLUDED.backend_start, "
      "acquired_at = now(), expires_at = EXCLUDED.expires_at",
      lease_holder_id(), script, backend_pid, backend_start, static_cast<double>(k_lease_ttl.count()));
}

void delete_lease(pqxx::transaction_base& tx) {
  tx.exec("DELETE FROM dharma_migration_lease");
}

bool delete_dead_lease(pqxx::transaction_base& tx) {
  return tx.exec(std::string("DELETE FROM dharma_migration_lease l WHERE NOT (") + k_live_condition + ")")
             .affected_rows() > 0;
}

std::string lease_holder_id() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0) {
    host[0] = '\0';
  }
  return std::string(host.data()) + ":" + std::to_string(getpid());
}

LeaseHeartbeat::LeaseHeartbeat(Endpoint endpoint)
    : m_endpoint(std::move(endpoint)), m_thread([this] { run(); }) {}

LeaseHeartbeat::~LeaseHeartbeat() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void LeaseHeartbeat::run() {
  std::unique_ptr<Database> database;
  std::unique_lock lock(m_mutex);
  while (!m_wake.wait_for(lock, k_lease_ttl / 3, [this] { return m_stop; })) {
    // A failed beat is not fatal: the lease simply expires if beats keep failing.
    try {
      if (!database) {
        database = std::make_unique<Database>(m_endpoint);
      }
      pqxx::work tx(database->connection());
      tx.exec_params(
          "UPDATE dharma_migration_lease SET expires_at = now() + make_interval(secs => $2) WHERE holder = "
          "$1",
          lease_holder_id(), static_cast<double>(k_lease_ttl.count()));
      tx.commit();
    } catch (const std::exception&) {
      database.reset();
    }
  }
}

}  // namespace dharma::state
