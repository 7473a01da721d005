// The price catalog load alone, in one process, side by side:
//
//   dharma_price_cache_bench PRICING_DIR REDIS_URL ROUNDS
//
// For each catalog in PRICING_DIR it times, alternating the order each round:
//   parse   load_price_catalog: read the file, parse and validate the YAML
//   cached  load_price_catalog_cached through RedisCache at REDIS_URL, warm:
//           read the file, SHA-256, one GET, decode the JSON
//   decode  decode_price_catalog of the cached value alone (no file, no network)
// and prints one line per catalog with the median microseconds of each and
// the ratios parse/cached and parse/decode.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "dharma/cache/redis_cache.hpp"
#include "dharma/cost/price_catalog_cache.hpp"
#include "dharma/cost/price_catalog_codec.hpp"

namespace {

double micros(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace dharma;
  if (argc != 4) {
    std::cerr << "usage: dharma_price_cache_bench PRICING_DIR REDIS_URL ROUNDS\n";
    return 2;
  }
  const std::filesystem::path directory = argv[1];
  const int rounds = std::max(1, std::atoi(argv[3]));
  bool warned = false;
  cache::RedisCache redis(argv[2], [&](const std::string& warning) {
    std::cerr << "warning: " << warning << '\n';
    warned = true;
  });
  std::printf("%-12s %10s %10s %10s %13s %13s\n", "catalog", "parse us", "cached us", "decode us",
              "parse/cached", "parse/decode");
  for (const std::string provider : {"aws", "azure", "gcp", "kubernetes"}) {
    const auto file = directory / (provider + ".yaml");
    util::Diagnostics diagnostics;
    const auto reference = cost::load_price_catalog(file, diagnostics);
    if (!reference) {
      std::cerr << file << " does not load\n";
      return 1;
    }
    const std::string value = cost::encode_price_catalog(*reference);
    // Warm the cache, then check a hit really returns the catalog.
    if (cost::load_price_catalog_cached(provider, file, redis, diagnostics) != reference ||
        cost::load_price_catalog_cached(provider, file, redis, diagnostics) != reference || warned) {
      std::cerr << "the cached catalog differs from the parsed one, or Redis is unavailable\n";
      return 1;
    }
    std::vector<double> parse, cached, decode;
    const std::vector<std::pair<std::vector<double>*, std::function<void()>>> measures = {
        {&parse, [&] { cost::load_price_catalog(file, diagnostics); }},
        {&cached, [&] { cost::load_price_catalog_cached(provider, file, redis, diagnostics); }},
        {&decode, [&] { cost::decode_price_catalog(value, file); }},
    };
    for (int round = 0; round < rounds; ++round) {
      for (std::size_t i = 0; i < measures.size(); ++i) {
        const auto& [times, work] = measures[round % 2 == 0 ? i : measures.size() - 1 - i];
        times->push_back(micros(work));
      }
    }
    const double p = median(parse), c = median(cached), d = median(decode);
    std::printf("%-12s %10.1f %10.1f %10.1f %13.2f %13.2f   (value %zu bytes)\n", provider.c_str(), p, c, d,
                p / c, p / d, value.size());
  }
  return warned ? 1 : 0;
}
