#include "dharma/api/connections.hpp"

#include <cstdlib>

namespace dharma::api {

std::filesystem::path local_stack_directory(CommandContext& context) {
  if (const char* dir = std::getenv("DHARMA_STACK_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return context.data_directory() / ".dharma" / "stack";
}

state::ConnectionSettings resolve_connections(const state::ConnectionFlags& flags, CommandContext& context) {
  auto settings = state::resolve_connection_settings(
      flags, "dharma.yaml", state::find_running_local_stack(local_stack_directory(context)));
  static bool said = false;
  if (settings.from_local_stack && context.flags().verbose && !said) {
    said = true;
    context.status().detail(
        "no connection configured (flags, DHARMA_*_URL, dharma.yaml); using the running local stack and its "
        "credentials file:\n  " +
        settings.database.describe() + "\n  " + settings.migration.describe() + "\n  " +
        settings.direct.describe() + "\n  " + settings.redis.describe());
  }
  return settings;
}

}  // namespace dharma::api
