// `dharma completion bash|zsh|fish`, and the hidden `dharma manpages --out
// DIR` the build runs to write the man pages. Both read the whole command
// line off the root app when they run, so commands added in any file are in
// the scripts and pages without being listed here.

#include "command.hpp"
#include "dharma/api/completion_api.hpp"
#include "program_spec.hpp"

namespace dharma::cli {

DHARMA_COMMAND("completion", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto options = std::make_shared<api::CompletionOptions>();
  auto* command = app.add_subcommand("completion", "Print a shell completion script (bash, zsh or fish)");
  command->add_option("SHELL", options->shell, "The shell")
      ->required()
      ->check(CLI::IsMember(api::completion_shells()));
  command->footer(
      "\nbash: source <(dharma completion bash), or save it as "
      "/usr/share/bash-completion/completions/dharma\n"
      "zsh:  dharma completion zsh > DIR/_dharma with DIR in $fpath\n"
      "fish: dharma completion fish > ~/.config/fish/completions/dharma.fish");
  command->callback([options, &app, &context, &exit_code] {
    options->program = program_spec(app);
    exit_code = api::completion_script(*options, context);
  });
});

DHARMA_COMMAND("manpages", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto options = std::make_shared<api::ManpagesOptions>();
  auto* command = app.add_subcommand("manpages", "Write dharma's man pages (roff) into a folder");
  command->group("");  // for the build and packagers, not in --help
  command->add_option("--out", options->out, "Folder to write dharma.1 and dharma-COMMAND.1 into")
      ->required();
  command->callback([options, &app, &context, &exit_code] {
    options->version = DHARMA_VERSION;
    options->program = program_spec(app);
    exit_code = api::manpages_write(*options, context);
  });
});

}  // namespace dharma::cli
