// The drift command: resolve the blueprint, render its Terraform through
// the renderer `generate` uses (as Terraform JSON, read back as desired
// resources), read the state files, diff with the catalog's drift rules,
// apply the ignore file, then write the report in the chosen format.

#include "dharma/api/drift_api.hpp"

#include "dharma/drift/desired_state.hpp"
#include "dharma/drift/differ.hpp"
#include "dharma/drift/ignore_file.hpp"
#include "dharma/drift/reporters.hpp"
#include "dharma/drift/terraform_state.hpp"
#include "dharma/render/terraform_renderer.hpp"
#include "dharma/util/clock.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::api {
namespace {

struct Desired {
  std::vector<drift::DesiredResource> resources;
  nlohmann::json variables;
};

// The desired resources: the main file of the Terraform JSON rendering, and
// the variables' values from its variables file.
Desired render_desired(const blueprint::ResolvedBlueprint& blueprint, CommandContext& context) {
  util::Diagnostics diagnostics;
  std::string main_file;
  std::string variables_file;
  render::render_terraform(blueprint, context.mappings(), render::TerraformFormat::json, diagnostics,
                           [&](const std::string& name, std::string content) {
                             if (name == "main.tf.json") {
                               main_file = std::move(content);
                             } else if (name == "variables.tf.json") {
                               variables_file = std::move(content);
                             }
                           });
  if (diagnostics.has_errors()) {
    context.print_diagnostics(diagnostics);
    throw util::Reported(util::ExitCode::invalid_input);
  }
  std::vector<std::string> owners;
  for (const auto& resource : blueprint.resources) {
    owners.push_back(resource.name);
  }
  Desired desired;
  desired.resources = drift::desired_resources(
      main_file.empty() ? nlohmann::ordered_json::object() : nlohmann::ordered_json::parse(main_file), owners);
  desired.variables = drift::variable_defaults(
      variables_file.empty() ? nlohmann::json::object() : nlohmann::json::parse(variables_file));
  return desired;
}

drift::DriftRules load_rules(CommandContext& context) {
  util::Diagnostics diagnostics;
  auto rules = drift::DriftRules::load(context.data_directory() / "templates" / "drift" / "terraform.yaml", diagnostics);
  if (diagnostics.has_errors()) {
    context.print_diagnostics(diagnostics);
    throw util::Reported(util::ExitCode::invalid_input);
  }
  return rules;
}

std::vector<drift::IgnoreEntry> load_ignores(const std::string& file, CommandContext& context) {
  util::Diagnostics diagnostics;
  auto entries = drift::read_ignore_file(file, diagnostics);
  if (diagnostics.has_errors()) {
    context.print_diagnostics(diagnostics);
    throw util::Reported(util::ExitCode::invalid_input);
  }
  return entries;
}

std::string format_report(const drift::DriftReport& report, const std::string& format) {
  if (format == "json") {
    return drift::format_json(report);
  }
  if (format == "sarif") {
    return drift::format_sarif(report);
  }
  if (format == "markdown") {
    return drift::format_markdown(report);
  }
  return drift::format_text(report);
}

}  // namespace

int drift_compare(const DriftOptions& options, CommandContext& context) {
  if (options.state_files.empty()) {
    throw util::Error("dharma drift needs the actual state: --state terraform.tfstate (several allowed, - for stdin)");
  }
  const auto blueprint = load_blueprint_or_exit(context, options.file, options.resolve);
  const auto desired = render_desired(blueprint, context);

  drift::ActualState actual;
  for (const auto& file : options.state_files) {
    const std::string text = util::read_file(file, k_max_state_bytes);
    drift::read_terraform_state(text, file, actual);
  }
  const auto rules = load_rules(context);

  drift::DiffOptions diff;
  diff.only_managed = options.only_managed;
  diff.variables = desired.variables;
  for (const auto& resource : blueprint.resources) {
    if (resource.origin != nullptr) {
      diff.locations[resource.name] = resource.origin->location();
    }
  }
  drift::DriftReport report;
  report.blueprint = options.file;
  report.environment = options.resolve.environment;
  report.sources = actual.sources;
  report.data_sources = actual.data_sources;
  report.resources = drift::diff_resources(desired.resources, actual, rules, diff);
  for (const auto& finding : report.resources) {
    if (finding.tainted && !finding.drifted()) {
      report.notes.push_back(finding.address + " is tainted: the next apply replaces it");
    }
  }
  if (actual.deposed > 0) {
    report.notes.push_back(std::to_string(actual.deposed) +
                           " deposed object(s) awaiting destruction were not compared (the current objects were)");
  }

  const std::string ignore_file = !options.ignore_file.empty()                               ? options.ignore_file
                                  : util::optional_file_exists(drift::k_default_ignore_file) ? drift::k_default_ignore_file
                                                                                              : "";
  if (options.write_ignore) {
    const std::string target = ignore_file.empty() ? drift::k_default_ignore_file : ignore_file;
    if (util::optional_file_exists(target)) {
      throw util::Error("--write-ignore will not overwrite " + target +
                        "; move it away (or merge by hand) and run again");
    }
    util::write_file_atomic(target, drift::ignore_file_for(report));
    context.err() << "dharma: wrote " << target << "; replace each `reason: TODO` before it takes effect\n";
  } else if (!ignore_file.empty()) {
    drift::apply_ignores(load_ignores(ignore_file, context), util::today_utc(), report);
  }

  const std::string text = format_report(report, options.format);
  if (options.out.empty()) {
    context.out() << text;
  } else {
    util::write_file_atomic(options.out, text);
  }
  return report.has_drift() ? 1 : 0;
}

}  // namespace dharma::api
