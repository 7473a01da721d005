// Read throughput and latency of the blueprint store, in one process.
//
//   dharma_store_bench TENANT_SLUG PROJECT NAME VERSION SECONDS CLIENTS cached|uncached
//
// Each client is a thread with its own Store (PostgreSQL through PgBouncer,
// from DHARMA_DATABASE_URL) and its own cache: RedisCache for `cached`,
// NullCache for `uncached` (the cache bypassed, every read from PostgreSQL).
// Every client pulls NAME@VERSION in a loop for SECONDS and the program
// prints one line: `reads=N seconds=S reads_per_second=R mean_ms=M`.

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "dharma/cache/redis_cache.hpp"
#include "dharma/state/blueprint_store.hpp"
#include "dharma/state/connection_settings.hpp"
#include "dharma/state/store.hpp"

int main(int argc, char** argv) {
  using namespace dharma;
  if (argc != 8) {
    std::cerr << "usage: dharma_store_bench TENANT PROJECT NAME VERSION SECONDS CLIENTS cached|uncached\n";
    return 2;
  }
  const std::string tenant = argv[1];
  const std::string project = argv[2];
  const std::string name = argv[3];
  const int version = std::atoi(argv[4]);
  const double seconds = std::atof(argv[5]);
  const int clients = std::atoi(argv[6]);
  const bool cached = std::string(argv[7]) == "cached";
  try {
    const auto settings = state::resolve_connection_settings({});
    std::string tenant_id;
    {
      state::Store store(settings.database);
      const auto id = store.find_tenant(tenant);
      if (!id) {
        std::cerr << "unknown tenant " << tenant << '\n';
        return 2;
      }
      tenant_id = *id;
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
          state::BlueprintStore blueprints(store, *cache);
          long long mine = 0;
          while (std::chrono::steady_clock::now() < deadline) {
            const auto pulled = blueprints.pull(tenant_id, project, name, version);
            if (pulled.source.empty()) {
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
              << " mean_ms=" << (elapsed * 1000.0 * clients / static_cast<double>(reads)) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "dharma_store_bench: " << e.what() << '\n';
    return 3;
  }
  return 0;
}
