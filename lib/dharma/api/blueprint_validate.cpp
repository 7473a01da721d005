#include <nlohmann/json.hpp>

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

int blueprint_validate(const BlueprintOptions& blueprint_options, CommandContext& context) {
  const ResolveOptions& options = blueprint_options.resolve;
  const bool json = blueprint_options.format == "json";
  std::ostream& out = context.out();
  std::ostream& err = context.err();
  context.catalog();  // an invalid catalog fails before any file is judged
  nlohmann::ordered_json report;
  report["files"] = nlohmann::ordered_json::array();
  std::size_t errors = 0;
  std::size_t warnings = 0;
  bool failed = false;
  for (const auto& file : blueprint_options.files) {
    util::Diagnostics diagnostics;
    auto resolved = load_blueprint(context, file, options, diagnostics);
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
    context.print_diagnostics(diagnostics);
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
    err << "dharma: " << errors << " error" << (errors == 1 ? "" : "s");
    if (warnings > 0) {
      err << ", " << warnings << " warning" << (warnings == 1 ? "" : "s");
    }
    err << (options.strict && errors == 0 ? " (warnings fail with --strict)" : "") << '\n';
  }
  return util::to_int(failed ? util::ExitCode::invalid_input : util::ExitCode::ok);
}

}  // namespace dharma::api
