#include <nlohmann/json.hpp>

#include <iostream>

#include "dharma/api/blueprint_commands.hpp"
#include "dharma/util/exit_code.hpp"

namespace dharma::api {
namespace {

nlohmann::ordered_json diagnostic_json(const util::Diagnostic& diagnostic) {
  nlohmann::ordered_json out;
  out["severity"] = util::severity_name(diagnostic.severity);
  out["file"] = diagnostic.location.file;
  if (diagnostic.location.has_position()) {
    out["line"] = diagnostic.location.line;
    out["column"] = diagnostic.location.column;
  }
  out["message"] = diagnostic.message;
  return out;
}

}  // namespace

int validate_blueprints(const std::vector<std::string>& files, const ResolveOptions& options,
                        const std::string& format, std::ostream& out) {
  const bool json = format == "json";
  default_catalog();  // an invalid catalog fails before any file is judged
  nlohmann::ordered_json report;
  report["files"] = nlohmann::ordered_json::array();
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool failed = false;
  for (const auto& file : files) {
    util::Diagnostics diagnostics;
    auto resolved = load_blueprint(file, options, diagnostics);
    errors += diagnostics.error_count();
    warnings += diagnostics.warning_count();
    const bool valid = resolved.has_value();
    failed = failed || !valid;
    if (json) {
      nlohmann::ordered_json entry;
      entry["file"] = file;
      entry["valid"] = valid;
      if (valid) {
        entry["resources"] = resolved->resources.size();
      }
      entry["diagnostics"] = nlohmann::ordered_json::array();
      for (const auto& diagnostic : diagnostics.sorted()) {
        entry["diagnostics"].push_back(diagnostic_json(diagnostic));
      }
      report["files"].push_back(entry);
      continue;
    }
    print_diagnostics(diagnostics);
    if (valid) {
      const auto count = resolved->resources.size();
      out << file << ": ok (" << count << " resource" << (count == 1 ? "" : "s");
      if (diagnostics.warning_count() > 0) {
        out << ", " << diagnostics.warning_count() << " warning" << (diagnostics.warning_count() == 1 ? "" : "s");
      }
      out << ")\n";
    }
  }
  if (json) {
    report["errors"] = errors;
    report["warnings"] = warnings;
    report["valid"] = !failed;
    out << report.dump(2) << '\n';
  } else if (failed) {
    std::cerr << "dharma: " << errors << " error" << (errors == 1 ? "" : "s");
    if (warnings > 0) {
      std::cerr << ", " << warnings << " warning" << (warnings == 1 ? "" : "s");
    }
    std::cerr << (options.strict && errors == 0 ? " (warnings fail with --strict)" : "") << '\n';
  }
  return util::to_int(failed ? util::ExitCode::invalid_input : util::ExitCode::ok);
}

}  // namespace dharma::api
