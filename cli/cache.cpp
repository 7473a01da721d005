// `dharma cache stats|flush`: the Redis cache in front of the state store
// (lib/dharma/api/cache_api.hpp).

#include "command.hpp"
#include "dharma/api/cache_api.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("cache", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto options = std::make_shared<api::CacheOptions>();
  auto tenant = std::make_shared<std::string>();
  auto* cache = app.add_subcommand("cache", "Inspect or flush the Redis cache");
  cache->require_subcommand(1);

  auto* stats = cache->add_subcommand("stats", "Hits, misses, hit rate, keys and memory");
  add_format_flag(*stats, options->format, {"text", "json"}, "text or json", false);
  stats->callback([options, &context, &exit_code] { exit_code = api::cache_stats(*options, context); });

  auto* flush = cache->add_subcommand("flush", "Remove dharma's cached entries");
  auto* tenant_option = add_tenant_flag(*flush, *tenant, "Only this tenant's entries (slug)", "");
  flush->callback([options, tenant, tenant_option, &context, &exit_code] {
    if (tenant_option->count() > 0) {
      options->tenant = *tenant;
    }
    exit_code = api::cache_flush(*options, context);
  });
});

}  // namespace dharma::cli
