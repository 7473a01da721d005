#include "resolve_flags.hpp"

namespace dharma::cli {

void add_resolve_flags(CLI::App& command, api::ResolveOptions& options, const std::string& env_help) {
  command.add_option("--env", options.environment, env_help);
  command.add_option("--set", options.set_values, "Set a parameter: KEY=VALUE (repeatable)")->allow_extra_args(false);
  command.add_option("--values", options.values_files, "YAML file of parameter values (repeatable)")
      ->allow_extra_args(false);
}

}  // namespace dharma::cli
