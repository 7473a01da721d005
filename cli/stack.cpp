// `dharma stack up|down|status|env`: the local PostgreSQL + PgBouncer + Redis
// stack, delegated to scripts/stack (lib/dharma/api/stack_api.hpp).

#include "command.hpp"
#include "dharma/api/stack_api.hpp"

namespace dharma::cli {

DHARMA_COMMAND("stack", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto* stack =
      app.add_subcommand("stack", "Start, stop or inspect the local PostgreSQL, PgBouncer and Redis");
  stack->require_subcommand(1);
  const std::vector<std::pair<std::string, std::string>> actions = {
      {"up", "Start the services that are not running"},
      {"down", "Stop the services the stack started"},
      {"status", "Show each service, its address and health"},
      {"env", "Print export lines for DHARMA_DATABASE_URL and friends"}};
  for (const auto& [action, help] : actions) {
    auto* command = stack->add_subcommand(action, help);
    command->callback([action = action, &context, &exit_code] {
      exit_code = api::stack_run(api::StackOptions{action}, context);
    });
  }
});

}  // namespace dharma::cli
