#pragma once
// What `deploy status` and `deploy history` print, from the journal: text
// for people, or one JSON document.

#include <ostream>
#include <string>
#include <vector>

#include "dharma/api/deploy_api.hpp"
#include "dharma/deploy/journal.hpp"

namespace dharma::api {

void print_status(deploy::Journal& journal, const std::string& environment_id, const std::string& environment,
                  const std::string& format, std::ostream& out);
// `deploy blue-green --dry-run` with the kubernetes driver: every kubectl
// command in order, with the manifest it applies, for a deployment of
// `options.version` to green while blue is active.
void print_kubernetes_dry_run(const deploy::DeployConfig& config, const DeployOptions& options,
                              std::ostream& out);

void print_history(const std::vector<deploy::DeploymentRecord>& deployments, const std::string& format,
                   std::ostream& out);

}  // namespace dharma::api
