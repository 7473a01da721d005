#pragma once
// The migration lock, designed to hold behind PgBouncer's transaction pooling
// and around CREATE INDEX CONCURRENTLY.
//
// Why not the usual locks. A session-level advisory lock breaks behind
// PgBouncer in transaction mode: the lock belongs to whichever server backend
// ran the statement, the unlock may run on another backend, and the lock
// leaks. Flyway's alternative, a transaction-scoped advisory lock held for
// the whole run, deadlocks CREATE INDEX CONCURRENTLY (flyway#3497): CIC waits
// for every older transaction to finish — including the one holding the lock.
//
// The design. Two mechanisms, both tied to something that cannot outlive its owner:
//
// 1. The gate: `pg_advisory_xact_lock(k_migration_lock_key)`, taken as the
//    first statement of every transaction that reads-then-writes migration
//    state. It is transaction-scoped, so COMMIT or ROLLBACK releases it on
//    the same backend, which is exactly what transaction pooling guarantees.
//    Waiting is bounded by `SET LOCAL lock_timeout`; on expiry the command
//    exits 4 ("another migrate holds the lock").
//
// 2. Transactional files run entirely inside one gated transaction: gate →
//    check the lease → re-read history (a concurrent migrator may have applied
//    the file meanwhile; then it is skipped) → run the file → record it →
//    COMMIT. A second migrator blocks on the gate and then sees the row, so
//    each file is applied exactly once; the partial unique index on
//    (version) WHERE success is the last line of defence.
//
// 3. Files marked `-- dharma:no-transaction` take a lease instead: a gated
//    transaction writes the single row of dharma_migration_lease (holder,
//    the direct connection's backend pid and start time, expiry) and commits,
//    releasing the gate before the file runs, so nothing waits on CIC and CIC
//    waits on nothing of ours. A heartbeat thread extends the expiry while the
//    file runs; a gated transaction records the result and deletes the lease.
//    Everyone else, after passing the gate, waits while a live lease exists.
//    A lease is live only while `expires_at > now()` AND its backend is still
//    in pg_stat_activity: a migrator killed with -9 frees it as soon as its
//    server backend ends (the stack sets client_connection_check_interval so
//    that happens within a second), a hung one when the heartbeat stops.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <thread>

#include "dharma/state/connection_settings.hpp"

namespace dharma::state {

inline constexpr std::int64_t k_migration_lock_key = 0x646861726d61;  // "dharma"
inline constexpr std::chrono::seconds k_lease_ttl{60};

// Takes the gate inside `tx`, waiting at most `wait`. Throws util::Error
// (exit 4) naming `database` when another migrator holds it longer.
void take_gate(pqxx::transaction_base& tx, std::chrono::milliseconds wait, const std::string& database);

struct Lease {
  std::string holder;  // "host:pid"
  std::string script;
  std::string expires_at;
};

// The live lease (see above), if any, read inside a gated `tx`.
std::optional<Lease> live_lease(pqxx::transaction_base& tx);

// Writes the lease for `script` held by `backend` (pid, start) of the direct connection.
void write_lease(pqxx::transaction_base& tx, const std::string& script, int backend_pid,
                 const std::string& backend_start);

// Deletes our lease (and any dead one).
void delete_lease(pqxx::transaction_base& tx);

// Deletes a lease whose holder is gone; returns true when there was one.
bool delete_dead_lease(pqxx::transaction_base& tx);

// "host:pid" of this process.
std::string lease_holder_id();

// Extends our lease every k_lease_ttl / 3 on its own connection until destroyed.
class LeaseHeartbeat {
 public:
  explicit LeaseHeartbeat(Endpoint endpoint);
  ~LeaseHeartbeat();
  LeaseHeartbeat(const LeaseHeartbeat&) = delete;
  LeaseHeartbeat& operator=(const LeaseHeartbeat&) = delete;

 private:
  void run();

  Endpoint m_endpoint;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  std::thread m_thread;
};

}  // namespace dharma::state
