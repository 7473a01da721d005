// `dharma drift FILE --state terraform.tfstate... | --k8s objects.json...|live | --recorded [--state
// ...|--k8s ...]`: what runs against what the blueprint says (docs/drift.md).

#include "command.hpp"
#include "dharma/api/drift_api.hpp"
#include "program_spec.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {

DHARMA_COMMAND("drift", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto options = std::make_shared<api::DriftOptions>();
  auto* drift = app.add_subcommand(
      "drift", "Compare what runs (Terraform state, Kubernetes objects) with what the blueprint says");
  drift->add_option("FILE", options->file, "Blueprint file")->required();
  add_resolve_flags(*drift, options->resolve);
  drift
      ->add_option(
          "--state", options->state_files,
          "Terraform state (v4 terraform.tfstate or `terraform show -json` output); repeatable, - for stdin")
      ->check(non_empty("file name", "give the state file"));
  drift
      ->add_option(
          "--k8s", options->k8s,
          "Kubernetes objects (`kubectl get -o json` output, a List or one object; repeatable, - for stdin), "
          "or `live` to run kubectl with the current context")
      ->check(non_empty("file name", "give the objects file or `live`"));
  completes_files(drift->get_option("--state"));  // a file, though the help names what it holds
  completes_files(drift->get_option("--k8s"));
  drift->add_flag(
      "--recorded", options->recorded,
      "Compare with the version the state store says runs in --env (the last successful deploy, else "
      "the latest pushed version); with --state or --k8s, say per resource whether it changed outside IaC "
      "or is not applied yet");
  drift
      ->add_option("--project", options->project,
                   "Project of the stored blueprint (--recorded; default: the one holding its name)")
      ->check(non_empty("project", "leave the flag out to use the project holding the blueprint"));
  add_tenant_flag(*drift, options->tenant);
  add_no_cache_flag(*drift, options->no_cache);
  drift
      ->add_option("--ignore", options->ignore_file,
                   "Ignore file of accepted drift (else .dharmadriftignore)")
      ->check(non_empty("file name", "leave the flag out to use .dharmadriftignore"));
  drift->add_flag("--write-ignore", options->write_ignore,
                  "Write an ignore entry for every finding (reason: TODO) to the ignore file");
  drift->add_flag("--only-managed", options->only_managed,
                  "Leave out resources the blueprint does not declare");
  add_format_flag(*drift, options->format, {"text", "json", "sarif", "markdown"},
                  "text, json, sarif or markdown");
  drift->add_option("--out", options->out, "Write the report to FILE (atomically) instead of stdout")
      ->check(non_empty("file name", "leave the flag out to write to stdout"));
  drift->callback([options, &context, &exit_code] { exit_code = api::drift_compare(*options, context); });
});

}  // namespace dharma::cli
