#include "dharma/state/connection_settings.hpp"

#include <cstdlib>
#include <map>

#include "dharma/util/connection_url.hpp"
#include "dharma/util/diagnosed_error.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::state {
namespace {

constexpr const char* k_default_database_url = "postgresql://dharma_app@127.0.0.1:56432/dharma";
constexpr const char* k_default_migration_url = "postgresql://dharma_owner@127.0.0.1:56432/dharma";
constexpr const char* k_default_direct_url = "postgresql://dharma_owner@127.0.0.1:55432/dharma";
constexpr const char* k_default_redis_url = "redis://127.0.0.1:56379/0";

// "section.key" -> (value, "dharma.yaml:L:C") from the config file.
using FileValues = std::map<std::string, std::pair<std::string, std::string>>;

FileValues read_config_file(const std::filesystem::path& path) {
  FileValues values;
  if (!util::optional_file_exists(path)) {
    return values;
  }
  util::Diagnostics diagnostics;
  const auto root = yaml::load_file(path.string(), diagnostics);
  if (diagnostics.has_errors()) {
    throw util::DiagnosedError(diagnostics, util::ExitCode::invalid_input);
  }
  if (!root || root->is_null()) {
    return values;
  }
  yaml::MapReader file(*root, "dharma.yaml", diagnostics);
  const std::map<std::string, std::vector<std::string>> known = {
      {"database", {"url", "migration_url", "direct_url"}}, {"redis", {"url"}}};
  for (const auto& [section, keys] : known) {
    const yaml::Node* node = file.mapping(section);
    if (node == nullptr) {
      continue;
    }
    yaml::MapReader fields(*node, "the " + util::quoted(section) + " section of dharma.yaml", diagnostics);
    fields.allow_only(keys);
    for (const auto& key : keys) {
      if (const auto url = fields.string(key)) {
        const yaml::Node& value = *fields.node(key);
        values[section + "." + key] = {*url, path.filename().string() + ":" + std::to_string(value.line) +
                                                 ":" + std::to_string(value.column)};
      }
    }
  }
  if (diagnostics.has_errors()) {
    throw util::DiagnosedError(diagnostics, util::ExitCode::invalid_input);
  }
  return values;
}

std::optional<Endpoint> pick(const std::optional<std::string>& flag, const char* flag_name,
                             const char* env_name, const FileValues& file, const std::string& file_key,
                             const char* server) {
  if (flag) {
    return Endpoint{*flag, flag_name, server};
  }
  if (const char* env = std::getenv(env_name); env != nullptr && *env != '\0') {
    return Endpoint{env, env_name, server};
  }
  if (auto it = file.find(file_key); it != file.end()) {
    return Endpoint{it->second.first, it->second.second, server};
  }
  return std::nullopt;
}

}  // namespace

std::string Endpoint::describe() const {
  return util::mask_password(url) + " (" + server + ", from " + source + ")";
}

ConnectionSettings resolve_connection_settings(const ConnectionFlags& flags,
                                               const std::filesystem::path& config_file,
                                               const std::optional<LocalStack>& local_stack) {
  const FileValues file = read_config_file(config_file);
  auto database = pick(flags.database_url, "--url", "DHARMA_DATABASE_URL", file, "database.url", "PgBouncer");
  auto direct = pick(flags.direct_url, "--direct-url", "DHARMA_DATABASE_DIRECT_URL", file,
                     "database.direct_url", "PostgreSQL (direct)");
  auto migration = pick(flags.migration_url, "--migration-url", "DHARMA_DATABASE_MIGRATION_URL", file,
                        "database.migration_url", "PgBouncer");
  auto redis = pick(flags.redis_url, "--redis-url", "DHARMA_REDIS_URL", file, "redis.url", "Redis");
  ConnectionSettings settings;
  if (local_stack && !database && !direct && !migration && !redis) {
    // Nothing configured anywhere: the running local stack, all of it (never
    // mixed with endpoints configured elsewhere).
    const std::string source = "the local stack in " + local_stack->directory.string();
    settings.database = Endpoint{local_stack->database_url, source, "PgBouncer"};
    settings.migration = Endpoint{local_stack->migration_url, source, "PgBouncer"};
    settings.direct = Endpoint{local_stack->direct_url, source, "PostgreSQL (direct)"};
    settings.redis = Endpoint{local_stack->redis_url, source, "Redis"};
    settings.from_local_stack = true;
    return settings;
  }
  settings.database = database.value_or(Endpoint{k_default_database_url, "default", "PgBouncer"});
  settings.direct = direct.value_or(Endpoint{k_default_direct_url, "default", "PostgreSQL (direct)"});
  if (migration) {
    settings.migration = *migration;
  } else if (direct) {
    settings.migration = settings.direct;
  } else {
    settings.migration = Endpoint{k_default_migration_url, "default", "PgBouncer"};
  }
  settings.redis = redis.value_or(Endpoint{k_default_redis_url, "default", "Redis"});
  return settings;
}

}  // namespace dharma::state
