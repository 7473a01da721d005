#include "resolve_flags.hpp"

namespace dharma::cli {

CLI::Validator non_empty(const std::string& what, const std::string& hint) {
  return CLI::Validator(
      [what, hint](std::string& value) { return value.empty() ? "empty " + what + " (" + hint + ")" : std::string(); },
      "");
}

CLI::Validator non_empty_environment() {
  return non_empty("environment name", "leave the flag out for the base values");
}

void add_resolve_flags(CLI::App& command, api::ResolveOptions& options, const std::string& env_help) {
  command.add_option("--env", options.environment, env_help)->check(non_empty_environment());
  command.add_option("--set", options.set_values, "Set a parameter: KEY=VALUE (repeatable)")->allow_extra_args(false);
  command.add_option("--values", options.values_files, "YAML file of parameter values (repeatable)")
      ->allow_extra_args(false);
}

}  // namespace dharma::cli
