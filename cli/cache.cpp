// `dharma cache stats|flush`: the Redis cache in front of the state store
// (lib/dharma/api/cache_api.hpp).

#include "command.hpp"
#include "dharma/api/cache_api.hpp"

namespace dharma::cli {

DHARMA_COMMAND(650, [](CLI::App& app, GlobalOptions& /*options*/, int& exit_code) {
  auto options = std::make_shared<api::CacheOptions>();
  auto tenant = std::make_shared<std::string>();
  auto* cache = app.add_subcommand("cache", "Inspect or flush the Redis cache");
  cache->require_subcommand(1);

  auto* stats = cache->add_subcommand("stats", "Hits, misses, hit rate, keys and memory");
  stats->add_option("--format", options->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  stats->callback([options, &exit_code] { exit_code = api::cache_stats(*options); });

  auto* flush = cache->add_subcommand("flush", "Remove dharma's cached entries");
  auto* tenant_option = flush->add_option("--tenant", *tenant, "Only this tenant's entries (slug)");
  flush->callback([options, tenant, tenant_option, &exit_code] {
    exit_code = api::cache_flush(*options, tenant_option->count() > 0 ? std::optional(*tenant) : std::nullopt);
  });
});

}  // namespace dharma::cli
