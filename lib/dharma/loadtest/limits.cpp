#include "dharma/loadtest/limits.hpp"

#include <sys/resource.h>

#include <cstdlib>
#include <memory>

#include <libpq-fe.h>

namespace dharma::loadtest {

FileLimit raise_file_limit(long needed) {
  FileLimit limit;
  rlimit current{};
  if (getrlimit(RLIMIT_NOFILE, &current) != 0) {
    return limit;
  }
  limit.before = static_cast<long>(current.rlim_cur);
  limit.hard = current.rlim_max == RLIM_INFINITY ? needed : static_cast<long>(current.rlim_max);
  limit.after = limit.before;
  if (static_cast<rlim_t>(needed) > current.rlim_cur) {
    rlimit raised = current;
    raised.rlim_cur = current.rlim_max == RLIM_INFINITY ? static_cast<rlim_t>(needed)
                                                         : std::min<rlim_t>(static_cast<rlim_t>(needed), current.rlim_max);
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      limit.after = static_cast<long>(raised.rlim_cur);
    }
  }
  return limit;
}

std::optional<PoolerLimits> read_pooler_limits(const std::string& admin_url) {
  if (admin_url.empty()) {
    return std::nullopt;
  }
  const std::string conninfo = admin_url + (admin_url.find('?') == std::string::npos ? "?" : "&") + "connect_timeout=2";
  std::unique_ptr<PGconn, decltype(&PQfinish)> connection(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (!connection || PQstatus(connection.get()) != CONNECTION_OK) {
    return std::nullopt;
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(connection.get(), "SHOW CONFIG"), &PQclear);
  if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    return std::nullopt;
  }
  PoolerLimits limits;
  const int key = PQfnumber(result.get(), "key");
  const int value = PQfnumber(result.get(), "value");
  if (key < 0 || value < 0) {
    return std::nullopt;
  }
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    const std::string name = PQgetvalue(result.get(), row, key);
    const long number = std::strtol(PQgetvalue(result.get(), row, value), nullptr, 10);
    if (name == "max_client_conn") {
      limits.max_client_conn = number;
    } else if (name == "default_pool_size") {
      limits.default_pool_size = number;
    }
  }
  return limits;
}

}  // namespace dharma::loadtest
