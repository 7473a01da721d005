// `dharma version`: the version, for scripts and bug reports.

#include "command.hpp"

namespace dharma::cli {

DHARMA_COMMAND("version", [](CLI::App& app, api::CommandContext& context, int& /*exit_code*/) {
  auto* command = app.add_subcommand("version", "Print dharma's version");
  command->callback([&context] { context.out() << "dharma " << DHARMA_VERSION << '\n'; });
});

}  // namespace dharma::cli
