#pragma once
// What the machine and PgBouncer allow a run of N VUs: each VU holds one
// socket (a PgBouncer client connection or an HTTP connection), and
// PgBouncer refuses clients beyond max_client_conn. The results become
// notes and warnings before the run, so a limit is named instead of
// showing up as connection errors.

#include <optional>
#include <string>
#include <vector>

namespace dharma::loadtest {

struct FileLimit {
  long before = 0;   // the soft limit found
  long after = 0;    // the soft limit now
  long hard = 0;
};

// Raises the soft RLIMIT_NOFILE to `needed` (up to the hard limit).
FileLimit raise_file_limit(long needed);

struct PoolerLimits {
  long max_client_conn = 0;
  long default_pool_size = 0;
};

// SHOW CONFIG on PgBouncer's admin console at `admin_url` (blocking, bounded
// by a 2 s connect timeout); nothing when it cannot be read.
std::optional<PoolerLimits> read_pooler_limits(const std::string& admin_url);

}  // namespace dharma::loadtest
