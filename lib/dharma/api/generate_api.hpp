#pragma once
// `dharma generate`: a blueprint in, Terraform and/or Kubernetes files out
// (docs/generate.md).

#include <functional>
#include <map>
#include <string>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/api/command_context.hpp"
#include "dharma/render/file_sink.hpp"

namespace dharma::api {

struct GenerateOptions {
  std::string file;
  ResolveOptions resolve;
  std::string target = "all";     // terraform | kubernetes | all (checked by the CLI)
  std::string out;                // output directory
  std::string tf_format = "hcl";  // hcl | json (checked by the CLI)
  // per-object | per-kind | stream (checked by the CLI): one file per
  // Kubernetes object, one multi-document file per kind, or every object as
  // one multi-document stream on stdout instead of DIR/kubernetes.
  std::string k8s_layout = "per-object";
  bool check = false;  // compare with --out instead of writing
  // Every secret must be given, and their values are written to
  // DIR/terraform/secrets.auto.tfvars.json (mode 0600).
  bool include_secrets = false;
};

// The file `include_secrets` writes in DIR/terraform.
constexpr const char* k_secrets_file = "secrets.auto.tfvars.json";

// Everything generate would write, by path relative to --out
// (terraform/main.tf, kubernetes/01-namespace-shop.yaml, ...). Prints
// diagnostics and throws util::Reported (exit 2) on invalid input.
std::map<std::string, std::string> render_files(const blueprint::ResolvedBlueprint& blueprint,
                                                const GenerateOptions& options, CommandContext& context);

// `generate --mappings`: the per-provider mapping tables of docs/generate.md
// (Markdown), from the catalog. Reads nothing of `options`.
int generate_mappings(const GenerateOptions& options, CommandContext& context);

// Renders every requested file and hands it to `sink` (folder "terraform" or
// "kubernetes", file name, content) as soon as it is rendered. Prints
// diagnostics and throws util::Reported (exit 2) on invalid input, after the
// sink may already have received files (discard them then). With
// `terraform_main`, terraform/main.tf goes there in pieces instead (when the
// renderer can stream it: render::render_terraform); a file begun there and
// not ended is discarded the same way.
void render_each(
    const blueprint::ResolvedBlueprint& blueprint, const GenerateOptions& options, CommandContext& context,
    const std::function<void(const std::string& folder, const std::string& name, std::string content)>& sink,
    render::FileStream* terraform_main = nullptr);

// Runs the command: renders, then switches --out to the new files at once
// (docs/generate.md, "Output layout"), or with `check`
// prints a unified diff of what is out of date (never of the secrets file
// written with --include-secrets); with k8s_layout "stream" (only with
// target "kubernetes", no --out, no --check) it writes the manifests to
// out() as one multi-document YAML stream, once all are rendered. Returns
// the exit code (0; 1 when --check found differences).
int generate_files(const GenerateOptions& options, CommandContext& context);

}  // namespace dharma::api
