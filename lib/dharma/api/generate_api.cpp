// The generate command: resolve the blueprint (all input errors are found
// before the disk is touched), lock --out, render every requested target
// straight into a staging folder, then switch all generated files of --out
// at once with util::OutputSwitch, which leaves files dharma did not write
// alone. --check renders into memory and diffs instead of writing. Secret values are
// written only with --include-secrets, to one 0600 file beside the Terraform,
// after the switch; --check never reads it.

#include "dharma/api/generate_api.hpp"

#include <chrono>
#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>

#include "dharma/api/phase_timer.hpp"
#include "dharma/blueprint/json_view.hpp"
#include "dharma/render/kubernetes_renderer.hpp"
#include "dharma/render/terraform_renderer.hpp"
#include "dharma/util/directory_lock.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/interrupt.hpp"
#include "dharma/util/output_switch.hpp"
#include "dharma/util/text.hpp"
#include "dharma/util/unified_diff.hpp"

namespace fs = std::filesystem;

namespace dharma::api {
namespace {

const char* const k_folders[] = {"terraform", "kubernetes"};

bool wants(const GenerateOptions& options, const std::string& folder) {
  return options.target == "all" || options.target == folder;
}

render::KubernetesLayout k8s_layout(const GenerateOptions& options) {
  if (options.k8s_layout == "per-kind") {
    return render::KubernetesLayout::per_kind;
  }
  return options.k8s_layout == "stream" ? render::KubernetesLayout::stream
                                        : render::KubernetesLayout::per_object;
}

// The generated files currently in `dir` (relative names), for --check: the
// ones its manifest lists and the ones this run would write. Everything else
// there is foreign (Terraform state, a user's file) and not compared.
std::map<std::string, std::string> read_folder(const fs::path& dir,
                                               const std::map<std::string, std::string>& wanted) {
  std::map<std::string, std::string> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return files;
  }
  std::set<std::string> names = util::read_manifest(dir).value_or(std::set<std::string>{});
  for (const auto& [name, content] : wanted) {
    names.insert(name);
  }
  for (const auto& name : names) {
    if (fs::is_regular_file(dir / name, ec)) {
      files[name] = util::read_file(dir / name);
    }
  }
  return files;
}

// How long generate waits for another dharma writing the same --out:
// DHARMA_GENERATE_LOCK_WAIT seconds, 120 by default.
std::chrono::milliseconds lock_wait() {
  const char* text = std::getenv("DHARMA_GENERATE_LOCK_WAIT");
  if (text == nullptr || *text == '\0') {
    return std::chrono::seconds(120);
  }
  char* end = nullptr;
  const long seconds = std::strtol(text, &end, 10);
  if (*end != '\0' || seconds < 0 || seconds > 86400) {
    throw util::Error("DHARMA_GENERATE_LOCK_WAIT must be a whole number of seconds (0 to 86400), not '" +
                      std::string(text) + "'");
  }
  return std::chrono::seconds(seconds);
}

int check_folder(const fs::path& dir, const std::string& folder,
                 const std::map<std::string, std::string>& wanted, std::ostream& out) {
  const auto existing = read_folder(dir / folder, wanted);
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
// The file's content; empty when the blueprint has no sensitive parameter.
std::string secret_values_file(const blueprint::ResolvedBlueprint& blueprint, std::size_t& count) {
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  for (const auto& parameter : blueprint.parameters) {
    if (parameter.sensitive) {
      values[parameter.name] = blueprint::value_to_json(parameter.value, true);
    }
  }
  count = values.size();
  return values.empty() ? std::string() : values.dump(2, ' ', true) + "\n";
}

}  // namespace

void render_each(
    const blueprint::ResolvedBlueprint& blueprint, const GenerateOptions& options, CommandContext& context,
    const std::function<void(const std::string& folder, const std::string& name, std::string content)>& sink,
    render::FileStream* terraform_main) {
  const auto& mappings = context.mappings();
  util::Diagnostics diagnostics;
  bool any_k8s = false;
  bool any_cloud = false;
  for (const auto& resource : blueprint.resources) {
    (util::starts_with(resource.type, "k8s.") ? any_k8s : any_cloud) = true;
  }
  if (wants(options, "terraform")) {
    const auto format =
        options.tf_format == "json" ? render::TerraformFormat::json : render::TerraformFormat::hcl;
    render::render_terraform(
        blueprint, mappings, format, diagnostics,
        [&](const std::string& name, std::string content) {
          util::throw_if_interrupted();
          sink("terraform", name, std::move(content));
        },
        terraform_main);
    if (!any_cloud && options.target == "terraform") {
      diagnostics.error({blueprint.file, 0, 0},
                        "nothing to render for Terraform: the blueprint has only k8s.* "
                        "resources (use --target kubernetes)");
    }
  }
  if (wants(options, "kubernetes")) {
    render::render_kubernetes(
        blueprint, mappings, diagnostics,
        [&](const std::string& name, std::string content) {
          util::throw_if_interrupted();
          sink("kubernetes", name, std::move(content));
        },
        k8s_layout(options));
  }
  if (wants(options, "kubernetes") && !any_k8s && options.target == "kubernetes") {
    diagnostics.error({blueprint.file, 0, 0},
                      "nothing to render for Kubernetes: the blueprint has no k8s.* "
                      "resources (use --target terraform)");
  }
  if (diagnostics.has_errors()) {
    context.print_diagnostics(diagnostics);
    throw util::Reported(util::ExitCode::invalid_input);
  }
}

std::map<std::string, std::string> render_files(const blueprint::ResolvedBlueprint& blueprint,
                                                const GenerateOptions& options, CommandContext& context) {
  std::map<std::string, std::string> files;
  render_each(blueprint, options, context,
              [&](const std::string& folder, const std::string& name, std::string content) {
                files[folder + "/" + name] = std::move(content);
              });
  return files;
}

namespace {

int check(const blueprint::ResolvedBlueprint& blueprint, const GenerateOptions& options,
          CommandContext& context) {
  std::ostream& out = context.out();
  std::ostream& err = context.err();
  const fs::path dir(options.out);
  std::optional<util::DirectoryLock> lock;  // shared: waits for a generate that is switching the files
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    lock.emplace(dir, util::DirectoryLock::Mode::shared);
    lock->lock(lock_wait());
    if (util::has_pending_switch(dir)) {
      throw util::Error("a dharma generate was killed while switching the files in " + options.out +
                            "; run it again without --check to finish the switch, then check",
                        util::ExitCode::refused);
    }
  }
  std::map<std::string, std::map<std::string, std::string>> by_folder;
  std::size_t total = 0;
  render_each(blueprint, options, context,
              [&](const std::string& folder, const std::string& name, std::string content) {
                by_folder[folder][name] = std::move(content);
                ++total;
              });
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
  if (!context.flags().quiet) {
    err << "dharma: " << total << " generated files in " << options.out << " are up to date\n";
  }
  return 0;
}

// Creates --out (and its parents) when missing; true when it did.
bool create_out(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    return false;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    throw util::Error("cannot write " + dir.string() + ": " + ec.message(), util::ExitCode::unavailable);
  }
  return true;
}

void note_kept_files(const util::OutputSwitch& output, const fs::path& dir, std::ostream& err) {
  for (const char* folder : k_folders) {
    const auto kept = output.kept_without_manifest(folder);
    if (kept.empty()) {
      continue;
    }
    std::string names;
    for (std::size_t i = 0; i < kept.size() && i < 10; ++i) {
      names += (i ? ", " : "") + kept[i];
    }
    if (kept.size() > 10) {
      names += ", and " + std::to_string(kept.size() - 10) + " more";
    }
    err << "dharma: note: kept " << kept.size() << (kept.size() == 1 ? " entry" : " entries") << " in "
        << (dir / folder).string() << "/ that dharma did not write: " << names
        << " (dharma now lists its own files in " << util::k_manifest_name
        << " and leaves the others alone)\n";
  }
}

}  // namespace

namespace {

// A streamed file (main.tf) written straight into the switch, piece by piece.
class SwitchStream : public render::FileStream {
 public:
  SwitchStream(util::OutputSwitch& output, std::string folder)
      : m_output(output), m_folder(std::move(folder)) {}
  void begin(const std::string& name) override {
    util::throw_if_interrupted();
    m_output.begin_file(m_folder, name);
  }
  void write(std::string_view piece) override { m_output.write_piece(piece); }
  void end() override { m_output.end_file(); }

 private:
  util::OutputSwitch& m_output;
  std::string m_folder;
};

// --k8s-layout stream: every manifest to out() as one multi-document YAML
// stream, written once all are rendered (an error or Ctrl-C before then
// prints none of it). No folder, no manifest, no lock: nothing is on disk.
int stream_manifests(const GenerateOptions& options, CommandContext& context) {
  if (options.target != "kubernetes") {
    throw util::Error(
        "--k8s-layout stream writes Kubernetes manifests to stdout; use it with "
        "--target kubernetes (--target " +
        options.target + " writes files to --out)");
  }
  if (!options.out.empty() || options.check) {
    throw util::Error(std::string("--k8s-layout stream writes to stdout and cannot be combined with ") +
                      (options.check ? "--check" : "--out") +
                      "; use --k8s-layout per-object or per-kind to write (or check) a folder");
  }
  if (options.include_secrets) {
    throw util::Error(
        "--include-secrets writes Terraform variable values; Kubernetes manifests refer to "
        "Secrets you create (docs/generate.md, \"Secrets\")");
  }
  const auto blueprint = load_blueprint_or_exit(context, options.file, options.resolve);
  std::string stream;
  render_each(blueprint, options, context, [&](const std::string&, const std::string&, std::string document) {
    stream += stream.empty() ? "" : "---\n";
    stream += document;
  });
  util::throw_if_interrupted();
  context.out() << stream << std::flush;
  return 0;
}

}  // namespace

int generate_files(const GenerateOptions& options, CommandContext& context) {
  if (options.k8s_layout == "stream") {
    return stream_manifests(options, context);
  }
  std::ostream& out = context.out();
  std::ostream& err = context.err();
  std::error_code ec;
  const fs::path dir(options.out);
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    throw util::Error("--out " + options.out + " is a file; give a directory (it is created when missing)");
  }
  ResolveOptions resolve = options.resolve;
  if (options.include_secrets) {
    if (options.check) {
      throw util::Error(
          "--include-secrets cannot be combined with --check: the diff would print the secrets");
    }
    if (options.target == "kubernetes") {
      throw util::Error(
          "--include-secrets writes Terraform variable values; Kubernetes manifests refer to "
          "Secrets you create (docs/generate.md, \"Secrets\")");
    }
    resolve.placeholder_secrets = false;  // every secret must be given
  }
  resolve.free_declarations = true;  // rendering reuses their memory
  PhaseTimer timer(context.flags().verbose, "generate", context.status());
  const auto& blueprint = context.keep(load_blueprint_or_exit(context, options.file, resolve));
  timer.lap("load blueprint");
  if (options.check) {
    return check(blueprint, options, context);
  }
  const bool created = create_out(dir);
  try {
    util::DirectoryLock lock(dir, util::DirectoryLock::Mode::exclusive);
    if (!lock.try_lock()) {
      if (!context.flags().quiet) {
        err << "dharma: waiting for another dharma process writing " << options.out << "\n";
      }
      lock.lock(lock_wait());
    }
    const util::PollInterrupts interrupts_end_at_the_next_file;  // so the staging folder is removed
    util::OutputSwitch output(dir);
    SwitchStream main_tf(output, "terraform");
    render_each(
        blueprint, options, context,
        [&](const std::string& folder, const std::string& name, std::string content) {
          output.add(folder, name, content);
        },
        &main_tf);
    std::size_t secrets = 0;
    if (options.include_secrets) {
      // Part of the switch and of the manifest, so a later run without the
      // flag removes it; --check never compares it.
      const std::string content = secret_values_file(blueprint, secrets);
      if (secrets > 0) {
        output.add("terraform", k_secrets_file, content, true);
      }
    }
    util::throw_if_interrupted();
    output.commit();
    timer.lap("render and write");
    auto counts = output.folder_file_counts();
    if (secrets > 0) {
      counts["terraform"] -= 1;
    }
    for (const char* folder : k_folders) {
      if (counts.count(folder) != 0) {
        out << "wrote " << (dir / folder).string() << "/ (" << counts.at(folder) << " files)\n";
      }
    }
    if (options.include_secrets) {
      if (secrets == 0) {
        out << "no sensitive parameters: nothing written for --include-secrets\n";
      } else {
        out << "wrote " << (dir / "terraform" / k_secrets_file).string() << " (" << secrets << " secret"
            << (secrets == 1 ? "" : "s") << ", mode 0600)\n";
      }
    }
    if (!context.flags().quiet) {
      note_kept_files(output, dir, err);
    }
  } catch (...) {
    if (created) {
      fs::remove(dir, ec);  // only when still empty
    }
    throw;
  }
  util::throw_if_interrupted();  // a signal held back during the switch: the new files are all in place
  return 0;
}

}  // namespace dharma::api
