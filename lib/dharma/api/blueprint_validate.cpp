// `dharma blueprint validate`. Without --env a blueprint is resolved once
// without an overlay and once with each environment it defines, so a mistake
// in any overlay is found before someone deploys that environment; a problem
// several of those runs share (one in the base, a note about a secret) is
// reported once; the later runs borrow from the first the resources an
// environment cannot change (blueprint::resolve_borrowing), so they are not
// copied. guard.skip entries
// are checked with guard's own rules, all but the policy ids, which depend on
// the packs guard runs with.

#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/api/blueprint_commands.hpp"
#include "dharma/blueprint/resolver.hpp"
#include "dharma/deploy/deploy_config.hpp"
#include "dharma/policy/suppression.hpp"
#include "dharma/util/exit_code.hpp"

namespace dharma::api {
namespace {

using DiagnosticKey = std::tuple<int, std::string, int, int, std::string>;

DiagnosticKey key_of(const util::Diagnostic& diagnostic) {
  return {static_cast<int>(diagnostic.severity), diagnostic.location.file, diagnostic.location.line,
          diagnostic.location.column, diagnostic.message};
}

// Resolves `file` for every environment validate checks; the result is the
// first of them (no overlay, or --env), empty when any run found an error.
std::optional<blueprint::ResolvedBlueprint> check_blueprint(CommandContext& context, const std::string& file,
                                                            const ResolveOptions& options,
                                                            util::Diagnostics& diagnostics) {
  const catalog::Catalog& catalog = context.catalog();
  auto read = read_blueprint_document(file, diagnostics);
  if (!read) {
    return std::nullopt;
  }
  const blueprint::Document& document = *read;
  std::vector<std::string> environments{options.environment};
  if (options.environment.empty()) {
    for (const auto& environment : document.environments) {
      environments.push_back(environment.name);
    }
  }
  std::set<DiagnosticKey> seen;
  for (const auto& diagnostic : diagnostics.all()) {
    seen.insert(key_of(diagnostic));
  }
  std::optional<blueprint::ResolvedBlueprint> first;
  blueprint::ResolveTrace trace;  // what the first run read: later runs copy what they cannot change
  for (std::size_t i = 0; i < environments.size(); ++i) {
    util::Diagnostics run;
    const blueprint::ResolveInputs inputs{environments[i], options.set_values, options.values_files,
                                          options.placeholder_secrets};
    std::optional<blueprint::ResolvedBlueprint> resolved;
    if (i == 0 && environments.size() == 1) {
      resolved = blueprint::resolve(document, catalog, inputs, run);  // no later run reads a trace
    } else if (i == 0) {
      resolved = blueprint::resolve_traced(document, catalog, inputs, run, trace);
    } else if (first) {
      // Borrows the first run's unchanged resources for the check, no copy.
      blueprint::resolve_borrowing(
          document, catalog, inputs, run, *first, trace,
          [&run](const blueprint::ResolvedBlueprint& borrowing) {
            policy::validate_skips(borrowing, nullptr, run);
          },
          &context.retired());
    } else {
      resolved = blueprint::resolve(document, catalog, inputs, run);
    }
    if (resolved) {
      policy::validate_skips(*resolved, nullptr, run);
    }
    if (const yaml::Node* deploy = document.root ? document.root->find("deploy") : nullptr) {
      deploy::read_deploy_config(*deploy, environments[i], run);  // the deploy: section (docs/deploy.md)
    }
    for (const auto& diagnostic : run.all()) {
      if (seen.insert(key_of(diagnostic)).second) {
        diagnostics.add(diagnostic);
      }
    }
    if (i == 0) {
      first = std::move(resolved);
    } else if (resolved) {
      context.keep(std::move(*resolved));
    }
  }
  context.keep(std::move(*read));
  context.keep(std::move(trace));
  if (diagnostics.has_errors() || (options.strict && diagnostics.warning_count() > 0)) {
    return std::nullopt;
  }
  return first;
}

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
    auto resolved = check_blueprint(context, file, options, diagnostics);
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
      if (resolved) {
        context.keep(std::move(*resolved));
      }
      continue;
    }
    context.print_diagnostics(diagnostics);
    if (valid) {
      const auto count = resolved->resources.size();
      out << file << ": ok (" << count << " resource" << (count == 1 ? "" : "s");
      if (diagnostics.warning_count() > 0) {
        out << ", " << diagnostics.warning_count() << " warning"
            << (diagnostics.warning_count() == 1 ? "" : "s");
      }
      out << ")\n";
    }
    if (resolved) {
      context.keep(std::move(*resolved));
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
