// `dharma version`: the version, the commit it was built from and the dates
// of its data, for scripts and bug reports. DHARMA_GIT_COMMIT comes from
// dharma_build_info.hpp, which the build rewrites when HEAD moves
// (cmake/BuildInfo.cmake), so only this file recompiles.

#include "command.hpp"
#include "dharma/api/version_api.hpp"
#include "dharma_build_info.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("version", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto options = std::make_shared<api::VersionOptions>();
  auto* command = app.add_subcommand("version", "Print dharma's version, build commit and data dates");
  add_format_flag(*command, options->format, {"text", "json"}, "Output format");
  command->callback([options, &context, &exit_code] {
    options->version = DHARMA_VERSION;
    options->commit = DHARMA_GIT_COMMIT;
    exit_code = api::version_show(*options, context);
  });
});

}  // namespace dharma::cli
