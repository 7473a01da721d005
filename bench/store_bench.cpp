// Throughput and latency of the store's hot operations, in one process.
//
//   dharma_store_bench TENANT_SLUG PROJECT NAME VERSION SECONDS CLIENTS OPERATION
//
// OPERATION: cached|uncached (blueprint pull of NAME@VERSION through Redis,
// or with the cache bypassed), list (blueprint list of PROJECT), usage (the
// tenant quota check: TenantStore::usage), api-calls (PostgreSQL's API-call
// count, counted up), push (a new version of NAME in PROJECT each time,
// with a random number as its source), or alternate (below). Every operation
// but `cached` runs with NullCache, so each one reaches PostgreSQL.
//
// Each client is a thread with its own Store (PostgreSQL through PgBouncer,
// from DHARMA_DATABASE_URL) and its own cache, running OPERATION in a loop
// for SECONDS; the program prints one line:
// `reads=N seconds=S reads_per_second=R mean_ms=M cpu_seconds=C`.
// `async:OPERATION` (not cached) sends OPERATION's statement from one thread
// with non-blocking libpq on CLIENTS connections (store_async.hpp), as the
// loadtest engine does, instead of a thread per client running the Store.
// `alternate` (one client) switches between cached and uncached pulls every
// 50 reads, so a noisy machine slows both alike, and prints
// `cached_mean_ms=C uncached_mean_ms=U ratio=U/C`.

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "dharma/cache/redis_cache.hpp"
#include "dharma/state/blueprint_store.hpp"
#include "dharma/state/connection_settings.hpp"
#include "dharma/state/store.hpp"
#include "dharma/state/store_statements.hpp"
#include "dharma/state/tenant_store.hpp"
#include "dharma/util/clock.hpp"
#include "store_async.hpp"

namespace {

using namespace dharma;
using Clock = std::chrono::steady_clock;

int run_alternating(const state::ConnectionSettings& settings, const std::string& tenant_id,
                    const std::string& project, const std::string& name, int version, double seconds) {
  state::Store store(settings.database);
  cache::RedisCache redis(settings.redis.url, [](const std::string&) {});
  cache::NullCache none;
  state::BlueprintStore cached(store, redis);
  state::BlueprintStore uncached(store, none);
  cached.pull(tenant_id, project, name, version);  // warm the cache and the connection
  uncached.pull(tenant_id, project, name, version);
  constexpr int k_block = 50;
  Clock::duration cached_time{}, uncached_time{};
  long long blocks = 0;
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  while (Clock::now() < deadline) {
    for (auto* blueprints : {&cached, &uncached}) {
      const auto start = Clock::now();
      for (int i = 0; i < k_block; ++i) {
        if (blueprints->pull(tenant_id, project, name, version).source.empty()) {
          return 1;
        }
      }
      (blueprints == &cached ? cached_time : uncached_time) += Clock::now() - start;
    }
    ++blocks;
  }
  const double reads = static_cast<double>(blocks * k_block);
  const double cached_ms = std::chrono::duration<double, std::milli>(cached_time).count() / reads;
  const double uncached_ms = std::chrono::duration<double, std::milli>(uncached_time).count() / reads;
  std::cout << "cached_mean_ms=" << cached_ms << " uncached_mean_ms=" << uncached_ms
            << " ratio=" << uncached_ms / cached_ms << '\n';
  return 0;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The statement one OPERATION sends (store_statements.hpp; cached and
// uncached: the pull's read).
state::StoreStatement statement_of(const std::string& operation, const std::string& tenant_id,
                                   const std::string& project, const std::string& name, int version) {
  const auto named =
      state::store_operation_named(operation == "cached" || operation == "uncached" ? "pull" : operation);
  if (!named) {
    throw std::runtime_error("unknown operation " + operation);
  }
  return state::statement_for(*named, {tenant_id, project, name, version});
}

// One iteration of OPERATION for a client; false when it returned nothing.
using Iteration = std::function<bool()>;

Iteration iteration_of(const std::string& operation, state::Store& store, cache::Cache& cache,
                       const std::string& tenant_id, const std::string& project, const std::string& name,
                       int version) {
  if (operation == "cached" || operation == "uncached") {
    return [&, blueprints = std::make_shared<state::BlueprintStore>(store, cache), project, name, version] {
      return !blueprints->pull(tenant_id, project, name, version).source.empty();
    };
  }
  if (operation == "list") {
    return [&, blueprints = std::make_shared<state::BlueprintStore>(store, cache), project] {
      return !blueprints->list(tenant_id, project).empty();
    };
  }
  if (operation == "usage") {
    return [&, tenants = std::make_shared<state::TenantStore>(store, cache)] {
      return tenants->usage(tenant_id).size() == state::k_quota_fields.size();
    };
  }
  if (operation == "api-calls") {
    return [&, day = util::today_utc()] {
      return state::decode_api_calls(store.execute(state::api_calls_statement(tenant_id, day, true))) > 0;
    };
  }
  if (operation == "push") {
    auto random = std::make_shared<std::mt19937>(std::random_device{}());
    return [&, blueprints = std::make_shared<state::BlueprintStore>(store, cache), random, project, name] {
      const std::string source =
          std::to_string(std::uniform_int_distribution<int>(1, 2'000'000'000)(*random));
      return blueprints->push(tenant_id, {project, name, source, "{}", "bench"}).version > 0;
    };
  }
  throw std::runtime_error("unknown operation " + operation);
}

// OPERATION's statements from one thread on CLIENTS non-blocking connections.
int run_async_operation(const state::ConnectionSettings& settings, const std::string& operation,
                        const std::string& tenant_id, const std::string& project, const std::string& name,
                        int version, double seconds, int clients) {
  const auto statement = statement_of(operation, tenant_id, project, name, version);
  std::mt19937 random(std::random_device{}());
  std::function<state::StoreStatement()> next = [&] { return statement; };
  if (operation == "push") {
    next = [&] {
      auto push = statement;
      push.params[state::k_push_source_param] =
          std::to_string(std::uniform_int_distribution<int>(1, 2'000'000'000)(random));
      return push;
    };
  }
  std::function<bool(const state::StatementRows&)> decode;
  if (operation == "uncached") {
    decode = [&](const state::StatementRows& rows) {
      const auto found = state::decode_blueprint_version(rows, project, name, state::PullContent::source);
      return found && !found->source.empty();
    };
  } else if (operation == "list") {
    decode = [](const state::StatementRows& rows) { return !state::decode_blueprint_list(rows).empty(); };
  } else if (operation == "usage") {
    decode = [](const state::StatementRows& rows) { return state::decode_tenant_usage(rows).has_value(); };
  } else if (operation == "api-calls") {
    decode = [](const state::StatementRows& rows) { return state::decode_api_calls(rows) > 0; };
  } else if (operation == "push") {
    decode = [](const state::StatementRows& rows) { return state::decode_blueprint_push(rows).version > 0; };
  } else {
    throw std::runtime_error("no async form of " + operation);
  }
  const auto run = bench::run_async(settings.database.url, clients, seconds, next, decode);
  if (run.completed == 0) {
    return 1;
  }
  std::cout << "reads=" << run.completed << " seconds=" << run.seconds
            << " reads_per_second=" << (static_cast<double>(run.completed) / run.seconds)
            << " mean_ms=" << (run.seconds * 1000.0 * clients / static_cast<double>(run.completed))
            << " cpu_seconds=" << cpu_seconds() << '\n';
  return 0;
}

std::string tenant_id_of(const state::ConnectionSettings& settings, const std::string& slug) {
  state::Store store(settings.database);
  const auto id = store.find_tenant(slug);
  if (!id) {
    throw std::runtime_error("unknown tenant " + slug);
  }
  return *id;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    std::cerr << "usage: dharma_store_bench TENANT PROJECT NAME VERSION SECONDS CLIENTS "
                 "[async:]cached|uncached|list|usage|api-calls|push|alternate\n";
    return 2;
  }
  const std::string tenant = argv[1];
  const std::string project = argv[2];
  const std::string name = argv[3];
  const int version = std::atoi(argv[4]);
  const double seconds = std::atof(argv[5]);
  const int clients = std::atoi(argv[6]);
  const std::string operation = argv[7];
  const bool cached = operation == "cached";
  const bool alternate = operation == "alternate";
  try {
    const auto settings = state::resolve_connection_settings({});
    const std::string tenant_id = tenant_id_of(settings, tenant);
    if (operation.rfind("async:", 0) == 0) {
      return run_async_operation(settings, operation.substr(6), tenant_id, project, name, version, seconds,
                                 clients);
    }
    if (alternate) {
      return run_alternating(settings, tenant_id, project, name, version, seconds);
    }
    std::atomic<long long> reads{0};
    std::atomic<bool> failed{false};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([&] {
        try {
          state::Store store(settings.database);
          std::unique_ptr<cache::Cache> cache;
          if (cached) {
            cache = std::make_unique<cache::RedisCache>(settings.redis.url, [](const std::string&) {});
          } else {
            cache = std::make_unique<cache::NullCache>();
          }
          const auto once = iteration_of(operation, store, *cache, tenant_id, project, name, version);
          long long mine = 0;
          while (std::chrono::steady_clock::now() < deadline) {
            if (!once()) {
              failed = true;
              return;
            }
            ++mine;
          }
          reads += mine;
        } catch (const std::exception& e) {
          std::cerr << "client failed: " << e.what() << '\n';
          failed = true;
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (failed || reads == 0) {
      return 1;
    }
    std::cout << "reads=" << reads << " seconds=" << elapsed << " reads_per_second=" << (reads / elapsed)
              << " mean_ms=" << (elapsed * 1000.0 * clients / static_cast<double>(reads))
              << " cpu_seconds=" << cpu_seconds() << '\n';
  } catch (const std::exception& e) {
    std::cerr << "dharma_store_bench: " << e.what() << '\n';
    return 3;
  }
  return 0;
}
