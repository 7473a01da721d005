#include "dharma/api/guard_policy_loading.hpp"

#include <filesystem>

#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::api {

namespace fs = std::filesystem;

void fail_on_errors(const util::Diagnostics& diagnostics, CommandContext& context) {
  if (diagnostics.has_errors()) {
    context.print_diagnostics(diagnostics);
    throw util::Reported(util::ExitCode::invalid_input);
  }
}

LoadedPolicies load_policies(const PolicySource& source, CommandContext& context) {
  util::Diagnostics diagnostics;
  LoadedPolicies loaded;
  std::string config_file = source.config;
  if (config_file.empty() && util::optional_file_exists("dharma.yaml")) {
    config_file = "dharma.yaml";
  }
  if (!config_file.empty()) {
    loaded.config = policy::load_guard_config(config_file, diagnostics);
  }
  std::vector<policy::PackDirectory> directories;
  if (!source.no_default_pack) {
    directories.push_back({context.data_directory() / "policies", "policies"});
  }
  for (const auto& dir : loaded.config.policy_dirs) {
    directories.push_back({dir, ""});
  }
  for (const auto& dir : source.policy_dirs) {
    directories.push_back({dir, ""});
  }
  // Every problem in the configuration and every pack, then fail once.
  loaded.pack = policy::load_policy_packs(directories, diagnostics);
  loaded.disabled = policy::apply_guard_config(loaded.config, loaded.pack, diagnostics);
  fail_on_errors(diagnostics, context);
  return loaded;
}

}  // namespace dharma::api
