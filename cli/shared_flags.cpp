#include "shared_flags.hpp"

namespace dharma::cli {

CLI::Validator non_empty(const std::string& what, const std::string& hint) {
  return CLI::Validator(
      [what, hint](std::string& value) {
        return value.empty() ? "empty " + what + " (" + hint + ")" : std::string();
      },
      "");
}

CLI::Validator non_empty_environment() {
  return non_empty("environment name", "leave the flag out for the base values");
}

void add_resolve_flags(CLI::App& command, api::ResolveOptions& options, const std::string& env_help) {
  command.add_option("--env", options.environment, env_help)->check(non_empty_environment());
  command.add_option("--set", options.set_values, "Set a parameter: KEY=VALUE (repeatable)")
      ->allow_extra_args(false);
  command.add_option("--values", options.values_files, "YAML file of parameter values (repeatable)")
      ->allow_extra_args(false);
}

CLI::Option* add_tenant_flag(CLI::App& command, std::string& tenant, const std::string& help,
                             const std::string& empty_hint) {
  CLI::Option* option = command.add_option("--tenant", tenant, help);
  if (!empty_hint.empty()) {
    option->check(non_empty("tenant slug", empty_hint));
  }
  return option;
}

CLI::Option* add_no_cache_flag(CLI::App& command, bool& no_cache, const std::string& help) {
  return command.add_flag("--no-cache", no_cache, help);
}

CLI::Option* add_format_flag(CLI::App& command, std::string& format, const std::vector<std::string>& formats,
                             const std::string& help, bool show_default) {
  CLI::Option* option = command.add_option("--format", format, help)->check(CLI::IsMember(formats));
  if (show_default) {
    option->default_val(formats.front());
  }
  return option;
}

CLI::Option* add_k8s_layout_flag(CLI::App& command, std::string& layout) {
  return command
      .add_option("--k8s-layout", layout,
                  "Kubernetes manifests: a file per object, a multi-document file per kind, or one "
                  "stream on stdout (with --target kubernetes, without --out)")
      ->check(CLI::IsMember({"per-object", "per-kind", k_k8s_layout_stream}))
      ->default_val("per-object");
}

}  // namespace dharma::cli
