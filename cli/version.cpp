// `dharma version`: the version, for scripts and bug reports.

#include <iostream>

#include "command.hpp"

namespace dharma::cli {

DHARMA_COMMAND(900, [](CLI::App& app, GlobalOptions& /*options*/, int& /*exit_code*/) {
  auto* command = app.add_subcommand("version", "Print dharma's version");
  command->callback([] { std::cout << "dharma " << DHARMA_VERSION << '\n'; });
});

}  // namespace dharma::cli
