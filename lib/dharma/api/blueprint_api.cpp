#include "dharma/api/blueprint_api.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <set>

#include "dharma/blueprint/document.hpp"
#include "dharma/blueprint/resolver.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/printable.hpp"
#include "dharma/util/terminal.hpp"
#include "dharma/yaml/loader.hpp"

namespace fs = std::filesystem;

namespace dharma::api {

fs::path data_directory() {
  if (const char* home = std::getenv("DHARMA_HOME"); home != nullptr && *home != '\0') {
    return fs::path(home);
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "dharma";
    if (fs::is_directory(installed / "templates", ec)) {
      return installed;
    }
  }
  return fs::path(DHARMA_SOURCE_DIR);
}

const catalog::Catalog& default_catalog() {
  static std::once_flag once;
  static catalog::Catalog catalog;
  static util::Diagnostics problems;
  std::call_once(once, [] { catalog = catalog::Catalog::load(data_directory() / "templates", problems); });
  if (problems.has_errors()) {
    print_diagnostics(problems);
    throw util::Error("the resource catalog in " + (data_directory() / "templates").string() +
                      " is invalid; fix the files above", util::ExitCode::invalid_input);
  }
  return catalog;
}

std::optional<blueprint::ResolvedBlueprint> load_blueprint(const std::string& file, const ResolveOptions& options,
                                                           util::Diagnostics& diagnostics) {
  const catalog::Catalog& catalog = default_catalog();
  auto root = yaml::load_file(file, diagnostics);
  if (!root) {
    return std::nullopt;
  }
  blueprint::Document document = blueprint::read_document(root, file, diagnostics);
  if (!root->is_map()) {
    return std::nullopt;
  }
  blueprint::ResolveInputs inputs{options.environment, options.set_values, options.values_files,
                                  options.placeholder_secrets};
  auto resolved = blueprint::resolve(document, catalog, inputs, diagnostics);
  if (diagnostics.has_errors() || (options.strict && diagnostics.warning_count() > 0)) {
    return std::nullopt;
  }
  return resolved;
}

void print_diagnostics(const util::Diagnostics& diagnostics) {
  // A note ("not checked without its value") is news once per run, however
  // often the blueprint is loaded (cost --compare-env loads it twice).
  static std::mutex printed_lock;
  static std::set<std::string> printed_notes;
  const bool color = util::use_color(stderr);
  for (const auto& diagnostic : diagnostics.sorted()) {
    if (diagnostic.severity == util::Severity::note) {
      const std::lock_guard<std::mutex> hold(printed_lock);
      if (!printed_notes.insert(util::format_diagnostic(diagnostic)).second) {
        continue;
      }
    }
    if (!color) {
      std::cerr << util::format_diagnostic(diagnostic) << '\n';
      continue;
    }
    // Escaped here too: with colour on, the stream lets colour codes through.
    const std::string where = util::printable(diagnostic.location.file.empty() ? "dharma" : diagnostic.location.str());
    const char* tint = diagnostic.severity == util::Severity::error ? "\033[31m" : "\033[35m";
    std::cerr << "\033[1m" << where << ": " << tint << util::severity_name(diagnostic.severity) << ":\033[0m "
              << util::printable(diagnostic.message) << '\n';
  }
}

blueprint::ResolvedBlueprint load_blueprint_or_exit(const std::string& file, const ResolveOptions& options) {
  util::Diagnostics diagnostics;
  auto resolved = load_blueprint(file, options, diagnostics);
  print_diagnostics(diagnostics);
  if (!resolved) {
    throw util::Reported(util::ExitCode::invalid_input);
  }
  return std::move(*resolved);
}

}  // namespace dharma::api
