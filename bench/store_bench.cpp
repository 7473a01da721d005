// Read throughput and latency of the blueprint store, in one process.
//
//   dharma_store_bench TENANT_SLUG PROJECT NAME VERSION SECONDS CLIENTS cached|uncached|alternate
//
// Each client is a thread with its own Store (PostgreSQL through PgBouncer,
// from DHARMA_DATABASE_URL) and its own cache: RedisCache for `cached`,
// NullCache for `uncached` (the cache bypassed, every read from PostgreSQL).
// Every client pulls NAME@VERSION in a loop for SECONDS and the program
// prints one line: `reads=N seconds=S reads_per_second=R mean_ms=M`.
// `alternate` (one client) switches between the two every 50 reads, so a
// noisy machine slows both alike, and prints
// `cached_mean_ms=C uncached_mean_ms=U ratio=U/C`.

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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8) {
    std::cerr << "usage: dharma_store_bench TENANT PROJECT NAME VERSION SECONDS CLIENTS cached|uncached|alternate\n";
    return 2;
  }
  const std::string tenant = argv[1];
  const std::string project = argv[2];
  const std::string name = argv[3];
  const int version = std::atoi(argv[4]);
  const double seconds = std::atof(argv[5]);
  const int clients = std::atoi(argv[6]);
  const bool cached = std::string(argv[7]) == "cached";
  const bool alternate = std::string(argv[7]) == "alternate";
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
