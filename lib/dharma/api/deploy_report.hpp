#pragma once
// What `deploy status` and `deploy history` print, from the journal: text
// for people, or one JSON document. With --env, one environment in detail;
// without, every environment of the tenant: status one row each, history
// one list with an environment column.

#include <ostream>
#include <string>
#include <vector>

#include "dharma/api/deploy_api.hpp"
#include "dharma/deploy/journal.hpp"

namespace dharma::api {

void print_status(deploy::Journal& journal, const std::string& environment_id, const std::string& environment,
                  const std::string& format, std::ostream& out);
// One row (text) or object (json) per environment of `environments`.
void print_status_all(deploy::Journal& journal, const std::vector<deploy::EnvironmentRef>& environments,
                      const std::string& format, std::ostream& out);
// `deploy blue-green --dry-run` with the kubernetes driver: every kubectl
// command in order, with the manifest it applies, for a deployment of
// `options.version` to green while blue is active.
void print_kubernetes_dry_run(const deploy::DeployConfig& config, const DeployOptions& options,
                              std::ostream& out);

void print_history(const std::vector<deploy::DeploymentRecord>& deployments, const std::string& format,
                   std::ostream& out);

// A deployment of `deploy history` without --env, with its environment.
struct HistoryRow {
  deploy::EnvironmentRef environment;
  deploy::DeploymentRecord record;
};
// Newest first as given; text shows PROJECT/ENV when the rows span several projects.
void print_history_all(const std::vector<HistoryRow>& rows, const std::string& format, std::ostream& out);

}  // namespace dharma::api
