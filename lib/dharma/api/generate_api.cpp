// The generate command: resolve the blueprint, render every requested
// target in memory, and only then touch the disk — each output folder
// (DIR/terraform, DIR/kubernetes) is replaced as a whole with
// util::replace_directory_atomic, so a failure leaves the old files as they
// were. --check renders the same way and diffs instead of writing. Secret
// values are written only with --include-secrets, to one 0600 file beside
// the Terraform, after the swap; --check never reads it.

#include "dharma/api/generate_api.hpp"

#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include "dharma/blueprint/json_view.hpp"
#include "dharma/render/kubernetes_renderer.hpp"
#include "dharma/render/terraform_renderer.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/private_file.hpp"
#include "dharma/util/text.hpp"
#include "dharma/util/unified_diff.hpp"

namespace fs = std::filesystem;

namespace dharma::api {
namespace {

const char* const k_folders[] = {"terraform", "kubernetes"};

bool wants(const GenerateOptions& options, const std::string& folder) {
  return options.target == "all" || options.target == folder;
}

// Files currently in `dir` (relative names), for --check.
std::map<std::string, std::string> read_folder(const fs::path& dir) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return files;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), dir).generic_string()] = util::read_file(entry.path());
    }
  }
  return files;
}

int check_folder(const fs::path& dir, const std::string& folder, const std::map<std::string, std::string>& wanted,
                 std::ostream& out) {
  const auto existing = read_folder(dir / folder);
  std::set<std::string> names;
  for (const auto& [name, content] : wanted) {
    names.insert(name);
  }
  for (const auto& [name, content] : existing) {
    if (!(folder == "terraform" && name == k_secrets_file)) {  // its diff would print the secrets
      names.insert(name);
    }
  }
  int stale = 0;
  for (const auto& name : names) {
    const auto old_it = existing.find(name);
    const auto new_it = wanted.find(name);
    const std::string path = folder + "/" + name;
    const std::string diff = util::unified_diff(old_it == existing.end() ? "" : old_it->second,
                                                new_it == wanted.end() ? "" : new_it->second,
                                                old_it == existing.end() ? "/dev/null" : "a/" + path,
                                                new_it == wanted.end() ? "/dev/null" : "b/" + path);
    if (!diff.empty() || (old_it == existing.end()) != (new_it == wanted.end())) {
      out << diff;
      ++stale;
    }
  }
  return stale;
}

// The sensitive parameters' values as a Terraform variable file, which
// Terraform reads by itself (*.auto.tfvars.json), readable by the owner only.
void write_secret_values(const blueprint::ResolvedBlueprint& blueprint, const fs::path& folder, std::ostream& out) {
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  for (const auto& parameter : blueprint.parameters) {
    if (parameter.sensitive) {
      values[parameter.name] = blueprint::value_to_json(parameter.value, true);
    }
  }
  if (values.empty()) {
    out << "no sensitive parameters: nothing written for --include-secrets\n";
    return;
  }
  util::write_private_file(folder / k_secrets_file, values.dump(2, ' ', true) + "\n");
  out << "wrote " << (folder / k_secrets_file).string() << " (" << values.size() << " secret"
      << (values.size() == 1 ? "" : "s") << ", mode 0600)\n";
}

}  // namespace

const catalog::MappingCatalog& default_mappings() {
  static std::once_flag once;
  static catalog::MappingCatalog mappings;
  static util::Diagnostics problems;
  std::call_once(once, [] {
    mappings = catalog::MappingCatalog::load(data_directory() / "templates", &default_catalog(), problems);
  });
  if (problems.has_errors()) {
    print_diagnostics(problems);
    throw util::Error("the provider mappings in " + (data_directory() / "templates").string() +
                      " are invalid; fix the files above");
  }
  return mappings;
}

std::map<std::string, std::string> render_files(const blueprint::ResolvedBlueprint& blueprint,
                                                const GenerateOptions& options) {
  const auto& mappings = default_mappings();
  util::Diagnostics diagnostics;
  std::map<std::string, std::string> files;
  bool any_k8s = false;
  bool any_cloud = false;
  for (const auto& resource : blueprint.resources) {
    (util::starts_with(resource.type, "k8s.") ? any_k8s : any_cloud) = true;
  }
  if (wants(options, "terraform")) {
    const auto format = options.tf_format == "json" ? render::TerraformFormat::json : render::TerraformFormat::hcl;
    for (auto& [name, content] : render::render_terraform(blueprint, mappings, format, diagnostics)) {
      files["terraform/" + name] = std::move(content);
    }
    if (!any_cloud && options.target == "terraform") {
      diagnostics.error({blueprint.file, 0, 0}, "nothing to render for Terraform: the blueprint has only k8s.* "
                                                "resources (use --target kubernetes)");
    }
  }
  if (wants(options, "kubernetes")) {
    for (auto& [name, content] : render::render_kubernetes(blueprint, mappings, diagnostics)) {
      files["kubernetes/" + name] = std::move(content);
    }
    if (!any_k8s && options.target == "kubernetes") {
      diagnostics.error({blueprint.file, 0, 0}, "nothing to render for Kubernetes: the blueprint has no k8s.* "
                                                "resources (use --target terraform)");
    }
  }
  if (diagnostics.has_errors()) {
    print_diagnostics(diagnostics);
    throw util::Reported(util::ExitCode::invalid_input);
  }
  return files;
}

int generate(const GenerateOptions& options, std::ostream& out, std::ostream& err) {
  if (options.target != "terraform" && options.target != "kubernetes" && options.target != "all") {
    throw util::Error("--target must be terraform, kubernetes or all, not '" + options.target + "'");
  }
  if (options.tf_format != "hcl" && options.tf_format != "json") {
    throw util::Error("--tf-format must be hcl or json, not '" + options.tf_format + "'");
  }
  std::error_code ec;
  const fs::path dir(options.out);
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    throw util::Error("--out " + options.out + " is a file; give a directory (it is created when missing)");
  }
  ResolveOptions resolve = options.resolve;
  if (options.include_secrets) {
    if (options.check) {
      throw util::Error("--include-secrets cannot be combined with --check: the diff would print the secrets");
    }
    if (options.target == "kubernetes") {
      throw util::Error("--include-secrets writes Terraform variable values; Kubernetes manifests refer to "
                        "Secrets you create (docs/generate.md, \"Secrets\")");
    }
    resolve.placeholder_secrets = false;  // every secret must be given
  }
  const auto blueprint = load_blueprint_or_exit(options.file, resolve);
  const auto files = render_files(blueprint, options);

  std::map<std::string, std::map<std::string, std::string>> by_folder;
  for (const auto& [path, content] : files) {
    const auto slash = path.find('/');
    by_folder[path.substr(0, slash)][path.substr(slash + 1)] = content;
  }
  if (options.check) {
    int stale = 0;
    for (const char* folder : k_folders) {
      if (wants(options, folder) && by_folder.count(folder) != 0) {
        stale += check_folder(dir, folder, by_folder[folder], out);
      }
    }
    if (stale > 0) {
      err << "dharma: " << stale << " generated file" << (stale == 1 ? " is" : "s are") << " out of date in "
          << options.out << "; run the same command without --check and commit the result\n";
      return util::to_int(util::ExitCode::found);
    }
    if (!options.quiet) {
      err << "dharma: " << files.size() << " generated files in " << options.out << " are up to date\n";
    }
    return 0;
  }
  for (const char* folder : k_folders) {
    if (by_folder.count(folder) != 0) {
      util::replace_directory_atomic(dir / folder, by_folder[folder]);
      out << "wrote " << (dir / folder).string() << "/ (" << by_folder[folder].size() << " files)\n";
    }
  }
  if (options.include_secrets && by_folder.count("terraform") != 0) {
    write_secret_values(blueprint, dir / "terraform", out);
  }
  return 0;
}

}  // namespace dharma::api
