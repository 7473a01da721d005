// The drift command: resolve the blueprint, render its Terraform through
// the renderer `generate` uses (its Terraform JSON documents, read as desired
// resources), read the state files, diff with the catalog's drift rules,
// apply the ignore file, price what changed, then write the report in the
// chosen format. With
// --recorded the version the store says runs is rendered the same way
// (Terraform, or with --k8s its manifests) and compared too
// (drift_recorded.hpp), and the report is stored.

#include "dharma/api/drift_api.hpp"

#include <optional>
#include <set>

#include "dharma/api/drift_recorded.hpp"
#include "dharma/api/phase_timer.hpp"
#include "dharma/cost/facts.hpp"
#include "dharma/cost/price_catalog.hpp"
#include "dharma/drift/desired_state.hpp"
#include "dharma/drift/differ.hpp"
#include "dharma/drift/drift_cost.hpp"
#include "dharma/drift/ignore_file.hpp"
#include "dharma/drift/kubernetes_objects.hpp"
#include "dharma/drift/recorded.hpp"
#include "dharma/drift/reporters.hpp"
#include "dharma/drift/terraform_state.hpp"
#include "dharma/render/hcl_json.hpp"
#include "dharma/render/kubernetes_renderer.hpp"
#include "dharma/render/terraform_renderer.hpp"
#include "dharma/util/clock.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {
namespace {

std::vector<std::string> owners_of(const blueprint::ResolvedBlueprint& blueprint) {
  std::vector<std::string> owners;
  for (const auto& resource : blueprint.resources) {
    owners.push_back(resource.name);
  }
  return owners;
}

// `kubectl get KINDS --all-namespaces -o json` with the current context,
// keeping the objects of the namespaces the blueprint uses and the
// cluster-scoped ones.
void read_live_objects(const std::vector<drift::DesiredResource>& desired, CommandContext& context,
                       drift::ActualState& actual) {
  const std::string kubectl = util::find_on_path("kubectl");
  if (kubectl.empty()) {
    throw util::Error(
        "--k8s live needs kubectl, which is not on PATH; install it, or pass --k8s FILE with the "
        "output of `kubectl get KIND... -o json`",
        util::ExitCode::unavailable);
  }
  std::string current;
  if (context.processes().run_capture({kubectl, "config", "current-context"}, "kubectl", current) != 0 ||
      util::trim(current).empty()) {
    throw util::Error(
        "kubectl has no current context (`kubectl config current-context` failed); choose one with "
        "`kubectl config use-context NAME`, or pass --k8s FILE",
        util::ExitCode::unavailable);
  }
  current = util::trim(current);
  const std::vector<std::string> argv = {
      kubectl, "get", util::join(drift::kubectl_kinds(desired), ","), "--all-namespaces", "--output", "json"};
  std::string output;
  const int status = context.processes().run_capture(argv, "kubectl", output);
  if (status != 0) {
    throw util::Error("`kubectl get` failed (exit " + std::to_string(status) + ") with context '" + current +
                          "'; is the cluster reachable? (kubectl's message is above)",
                      util::ExitCode::unavailable);
  }
  std::set<std::string> namespaces;
  for (const auto& resource : desired) {
    if (const drift::Value* metadata = resource.attributes.find("metadata")) {
      const drift::Value* namespace_value = metadata->find("namespace");
      // As nlohmann's value("namespace", ""): "" when absent; metadata is an object here.
      namespaces.insert(namespace_value != nullptr && namespace_value->is_string()
                            ? std::string(namespace_value->as_string())
                            : "");
    }
    if (resource.type == "Namespace") {
      namespaces.emplace(resource.name);
    }
  }
  drift::ActualState all;
  drift::read_kubernetes_objects(output, "kubectl context " + current, all);
  actual.sources = all.sources;
  actual.arenas = all.arenas;
  for (auto& resource : all.resources) {
    const drift::Value* metadata = resource.attributes.find("metadata");
    const drift::Value* namespace_value = metadata == nullptr ? nullptr : metadata->find("namespace");
    const std::string ns = namespace_value != nullptr && namespace_value->is_string()
                               ? std::string(namespace_value->as_string())
                               : "";
    if (ns.empty() || namespaces.count(ns) != 0) {
      actual.add(std::move(resource));  // `all` has each address once
    }
  }
}

drift::DriftRules load_rules(CommandContext& context, const char* file) {
  util::Diagnostics diagnostics;
  auto rules = drift::DriftRules::load(context.data_directory() / "templates" / "drift" / file, diagnostics);
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

// The monthly cost of the findings left after the ignore file (changed
// attributes, and instances of counted resources missing or added),
// priced with the provider's catalog (drift_cost.hpp).
void price_changes(const blueprint::ResolvedBlueprint& blueprint, CommandContext& context,
                   drift::DriftReport& report) {
  if (!report.has_drift()) {
    return;
  }
  cost::PriceBook book(context.data_directory() / "pricing");
  const auto facts = cost::facts_from_blueprint(blueprint);
  drift::price_drift(facts, book.catalog(facts.provider), report, &context.mappings());
}

}  // namespace

// The desired objects: the manifests the Kubernetes renderer writes.
DriftDesired render_kubernetes_desired(const blueprint::ResolvedBlueprint& blueprint,
                                       CommandContext& context) {
  util::Diagnostics diagnostics;
  std::map<std::string, std::string> manifests;
  render::render_kubernetes(
      blueprint, context.mappings(), diagnostics,
      [&](const std::string& name, std::string content) { manifests[name] = std::move(content); });
  if (diagnostics.has_errors()) {
    context.print_diagnostics(diagnostics);
    throw util::Reported(util::ExitCode::invalid_input);
  }
  if (manifests.empty()) {
    throw util::Error(blueprint.file +
                      " has no k8s.* resources to compare with Kubernetes objects; use --state "
                      "for its Terraform resources");
  }
  std::vector<drift::KubernetesOwner> owners;
  for (const auto& resource : blueprint.resources) {
    for (const auto& [key, value] : resource.properties) {
      if (key == "name" && value.kind() == value::Value::Kind::string) {
        owners.push_back({resource.name, resource.type, value.as_string()});
      }
    }
  }
  return {drift::desired_kubernetes(manifests, owners), nlohmann::json::object()};
}

// The desired resources: the renderer's HCL model of main.tf.json, each
// resource body built straight into drift's compact values (no JSON tree, no
// text written and parsed back; the values copy its strings), and the
// variables' values from its variables model. The models are freed on
// return, so the state read after reuses their memory.
DriftDesired render_terraform_desired(const blueprint::ResolvedBlueprint& blueprint,
                                      CommandContext& context) {
  util::Diagnostics diagnostics;
  // main.tf.json block by block: each block's values are built as soon as
  // its resource is rendered and the block is freed, so the renderer's model
  // of the whole file never exists. On an error all of it is discarded.
  const std::vector<std::string> owners = owners_of(blueprint);
  drift::DesiredBlocks blocks(owners);
  const render::BlockSink block_sink = [&](const render::hcl::Block& block, bool shared) {
    blocks.add(block, shared);
  };
  nlohmann::json variables_document = nlohmann::json::object();
  render::render_terraform_documents(
      blueprint, context.mappings(), diagnostics,
      [&](const std::string&, render::hcl::Document model) {
        variables_document = nlohmann::json(render::hcl::to_json(model));  // only variables.tf.json
      },
      &block_sink);
  if (diagnostics.has_errors()) {
    context.print_diagnostics(diagnostics);
    throw util::Reported(util::ExitCode::invalid_input);
  }
  DriftDesired desired;
  desired.resources = blocks.take();
  desired.variables = drift::variable_defaults(variables_document);
  return desired;
}

int drift_compare(const DriftOptions& options, CommandContext& context) {
  const bool kubernetes = !options.k8s.empty();
  if (!options.recorded && (!options.tenant.empty() || !options.project.empty())) {
    throw util::Error(
        "--tenant and --project name the stored blueprint of --recorded; add --recorded or leave them out");
  }
  if (kubernetes && !options.state_files.empty()) {
    throw util::Error("give --state or --k8s, not both: run drift once for each");
  }
  if (!options.recorded && options.state_files.empty() && !kubernetes) {
    throw util::Error(
        "dharma drift needs what runs: --state terraform.tfstate (several allowed, - for stdin) or --k8s "
        "objects.json|live");
  }
  const bool live = kubernetes && options.k8s.size() == 1 && options.k8s[0] == "live";
  // Fast exit (docs/ARCHITECTURE.md): the big trees (resolved blueprint,
  // desired resources, the state read, the report) are kept by the context,
  // which leaves them to the operating system when the process ends.
  PhaseTimer timer(context.flags().verbose, "drift", context.status());
  ResolveOptions resolve = options.resolve;
  resolve.free_declarations = true;  // rendering the desired resources reuses their memory
  const auto& blueprint = context.keep(load_blueprint_or_exit(context, options.file, resolve));
  timer.lap("load blueprint");
  const auto& desired = context.keep(kubernetes ? render_kubernetes_desired(blueprint, context)
                                                : render_terraform_desired(blueprint, context));
  timer.lap("render " + std::to_string(desired.resources.size()) + " desired resources");
  std::optional<RecordedComparison> recorded;
  if (options.recorded) {
    recorded.emplace(options, blueprint, context);
  }

  auto& actual = context.keep(drift::ActualState{});
  if (live) {
    read_live_objects(desired.resources, context, actual);
  }
  for (const auto& file : live         ? std::vector<std::string>{}
                          : kubernetes ? options.k8s
                                       : options.state_files) {
    if (kubernetes) {
      drift::read_kubernetes_objects(util::read_file(file, k_max_state_bytes), file, actual);
    } else {
      drift::read_terraform_state_file(file, k_max_state_bytes, actual);
    }
  }
  timer.lap("read " + std::to_string(actual.resources.size()) + " actual resources");
  const auto rules = load_rules(context, kubernetes ? "kubernetes.yaml" : "terraform.yaml");

  drift::DiffOptions diff;
  diff.only_managed = options.only_managed;
  diff.variables = desired.variables;
  for (const auto& resource : blueprint.resources) {
    if (resource.origin != nullptr) {
      diff.locations[resource.name] = resource.origin->location();
    }
  }
  auto& report = context.keep(drift::DriftReport{});
  report.blueprint = options.file;
  report.environment = options.resolve.environment;
  report.sources = actual.sources;
  report.data_sources = actual.data_sources;
  if (recorded && options.state_files.empty() && !kubernetes) {
    report.sources = {"the state store's recorded version"};
    recorded->apply(desired, nullptr, rules, diff, report);
  } else {
    report.resources = drift::diff_resources(desired.resources, actual, rules, diff, &report.notes,
                                             &report.in_sync_unlisted);
    if (recorded) {
      recorded->apply(desired, &actual, rules, diff, report);
    }
  }
  timer.lap("compare");
  for (const auto& finding : report.resources) {
    if (finding.tainted && !finding.drifted()) {
      report.notes.push_back(finding.address + " is tainted: the next apply replaces it");
    }
  }
  if (actual.deposed > 0) {
    report.notes.push_back(
        std::to_string(actual.deposed) +
        " deposed object(s) awaiting destruction were not compared (the current objects were)");
  }

  const std::string ignore_file = !options.ignore_file.empty() ? options.ignore_file
                                  : util::optional_file_exists(drift::k_default_ignore_file)
                                      ? drift::k_default_ignore_file
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

  price_changes(blueprint, context, report);
  if (recorded && !options.write_ignore) {
    recorded->store(report);
  }
  const std::string text = format_report(report, options.format);
  if (options.out.empty()) {
    context.out() << text;
  } else {
    util::write_file_atomic(options.out, text);
  }
  timer.lap("ignore, price and report");
  return report.has_drift() ? 1 : 0;
}

}  // namespace dharma::api
