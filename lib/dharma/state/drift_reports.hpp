#pragma once
// What `dharma drift --recorded` reads from and writes to the state store,
// for one tenant (row-level security binds every statement):
//   * which version of a blueprint runs in an environment: the newest
//     `deployments` row with status 'succeeded' (V005; the deploy journal of
//     V014 keeps that meaning), else the latest pushed version;
//   * the report of each run in `drift_reports` (V006), each finding with
//     the time it was first seen, carried over from the previous report of
//     the same blueprint and environment while the finding persists.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dharma/state/store.hpp"

namespace dharma::state {

struct RecordedVersion {
  std::string project_id;
  std::string blueprint_id;
  std::string environment_id;  // "" when the environment is not in the store
  std::string version_id;
  int version = 0;
  std::string content_hash;
  std::string source;       // the YAML exactly as pushed
  bool deployed = false;    // false: no successful deploy, the latest pushed version
  std::string deployed_at;  // YYYY-MM-DDTHH:MM:SSZ when deployed
  // The stored version whose bytes equal the blueprint file, if any.
  std::optional<int> file_version;
  int latest_version = 0;
};

// Throws util::Error exit 2 when the blueprint is not stored for the tenant.
RecordedVersion find_recorded_version(Store& store, const std::string& tenant_id, const std::string& project,
                                      const std::string& name, const std::string& environment,
                                      const std::string& file_hash);

struct ReportedFinding {
  std::string key;        // what identifies it across runs
  nlohmann::json detail;  // stored as is, with "first_seen" added
};

// Stores one report; returns, for each finding an earlier report of the
// same blueprint and environment already had, the time it was first seen
// (YYYY-MM-DDTHH:MM:SSZ) by key.
std::map<std::string, std::string> record_drift_report(Store& store, const std::string& tenant_id,
                                                       const RecordedVersion& recorded,
                                                       const std::vector<ReportedFinding>& findings);

}  // namespace dharma::state
