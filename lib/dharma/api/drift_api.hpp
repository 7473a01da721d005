#pragma once
// `dharma drift`: what runs against what the blueprint says (docs/drift.md).

#include <string>
#include <vector>

#include "dharma/api/blueprint_api.hpp"
#include "dharma/api/command_context.hpp"
#include "dharma/state/connection_settings.hpp"

namespace dharma::api {

struct DriftOptions {
  std::string file;  // the blueprint
  ResolveOptions resolve;
  std::vector<std::string> state_files;  // --state PATH... ("-" is stdin)
  // --k8s PATH... (`kubectl get -o json` output, "-" is stdin) or the one
  // word "live": run kubectl for the kinds the blueprint renders.
  std::vector<std::string> k8s;
  std::string ignore_file;      // --ignore FILE; empty: .dharmadriftignore when present
  bool write_ignore = false;    // --write-ignore: write entries for the findings instead of failing
  bool only_managed = false;    // --only-managed: leave out unmanaged resources
  std::string format = "text";  // text | json | sarif | markdown (checked by the CLI)
  std::string out;              // --out FILE; empty: stdout
  // --recorded: compare with the version the state store says runs in
  // --env (the last successful deploy, else the latest pushed version);
  // with --state, the three-way verdict per resource. Stored in drift_reports.
  bool recorded = false;
  state::ConnectionFlags connection;
  std::string tenant;   // --tenant slug; empty = DHARMA_TENANT
  std::string project;  // --project; empty: the project holding the blueprint's name
  bool no_cache = false;
};

// The largest state file read (a 10,000-resource state is about 20 MB).
constexpr std::size_t k_max_state_bytes = 512U * 1024U * 1024U;

// Compares the blueprint's rendered Terraform with the state files (or its
// rendered Kubernetes manifests with the --k8s objects) and prints the
// report. Returns 0 in sync, 1 drift found (also with --write-ignore, after
// writing the file); throws util::Error / util::Reported with exit 2 on
// invalid input, 3 when kubectl, its context or the cluster is unavailable
// or the output cannot be written, or (--recorded) the store is unavailable.
int drift_compare(const DriftOptions& options, CommandContext& context);

}  // namespace dharma::api
