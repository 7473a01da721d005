#include "dharma/state/api_call_counter.hpp"

#include <cstdlib>
#include <ctime>

#include "dharma/util/error.hpp"

namespace dharma::state {
namespace {

constexpr std::chrono::seconds k_counter_ttl{2 * 24 * 3600};

std::string utc_day() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char day[16];
  std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
  return day;
}

std::string counter_key(const std::string& tenant_id, const std::string& day) {
  return std::string(cache::k_namespace) + "api:" + tenant_id + ":" + day;
}

}  // namespace

void count_api_call(Store& store, cache::Cache& cache, const std::string& tenant_id) {
  const std::string day = utc_day();
  const auto in_redis = cache.increment(counter_key(tenant_id, day), k_counter_ttl);
  long limit = 0;
  std::int64_t total = 0;
  store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    limit = tx.exec_params1("SELECT max_api_calls_per_day FROM tenants WHERE id = $1", tenant_id)[0].as<long>();
    if (in_redis) {
      const auto rows = tx.exec_params("SELECT calls FROM api_call_counts WHERE day = $1::date", day);
      total = *in_redis + (rows.empty() ? 0 : rows[0][0].as<std::int64_t>());
    } else {
      total = tx.exec_params1(
                    "INSERT INTO api_call_counts (tenant_id, day, calls) VALUES ($1, $2::date, 1) "
                    "ON CONFLICT (tenant_id, day) DO UPDATE SET calls = api_call_counts.calls + 1 RETURNING calls",
                    tenant_id, day)[0]
                  .as<std::int64_t>();
    }
  });
  if (total > limit) {
    throw util::Error("API call quota exceeded (" + std::to_string(limit) + "/" + std::to_string(limit) +
                          " calls today); it resets at 00:00 UTC or with `dharma tenant quota set --api_calls_per_day`",
                      util::ExitCode::refused);
  }
}

std::int64_t api_calls_today(Store& store, cache::Cache& cache, const std::string& tenant_id) {
  const std::string day = utc_day();
  std::int64_t in_postgres = 0;
  store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    const auto rows = tx.exec_params("SELECT calls FROM api_call_counts WHERE day = $1::date", day);
    in_postgres = rows.empty() ? 0 : rows[0][0].as<std::int64_t>();
  });
  const auto in_redis = cache.get(counter_key(tenant_id, day));
  return in_postgres + (in_redis ? std::strtoll(in_redis->c_str(), nullptr, 10) : 0);
}

}  // namespace dharma::state
