#include "dharma/api/completion_api.hpp"

#include <filesystem>
#include <system_error>

#include "dharma/cli_spec/completion.hpp"
#include "dharma/cli_spec/man_page.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::api {

const std::vector<std::string>& completion_shells() {
  return cli_spec::completion_shells();
}

int completion_script(const CompletionOptions& options, CommandContext& context) {
  if (options.shell == "bash") {
    context.out() << cli_spec::bash_completion(options.program);
  } else if (options.shell == "zsh") {
    context.out() << cli_spec::zsh_completion(options.program);
  } else {
    context.out() << cli_spec::fish_completion(options.program);
  }
  return 0;
}

int manpages_write(const ManpagesOptions& options, CommandContext& context) {
  const std::filesystem::path folder(options.out);
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    throw util::Error("cannot create " + folder.string() + ": " + ec.message(), util::ExitCode::unavailable);
  }
  for (const auto& page : cli_spec::man_pages(options.program, options.version)) {
    util::write_file_atomic(folder / page.file_name, page.text);
    context.status().step_finished("wrote " + (folder / page.file_name).string());
  }
  return 0;
}

}  // namespace dharma::api
