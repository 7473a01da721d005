#include "dharma/state/drift_reports.hpp"

#include "dharma/util/error.hpp"

namespace dharma::state {
namespace {

constexpr const char* k_utc_time = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

std::string utc(const std::string& column) {
  return std::string("to_char(") + column + " AT TIME ZONE 'UTC', " + k_utc_time + ")";
}

}  // namespace

RecordedVersion find_recorded_version(Store& store, const std::string& tenant_id, const std::string& project,
                                      const std::string& name, const std::string& environment,
                                      const std::string& file_hash) {
  RecordedVersion recorded;
  bool found = false;
  store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    const auto blueprint = tx.exec_params(
        "SELECT p.id, b.id, b.latest_version FROM blueprints b JOIN projects p ON p.id = b.project_id "
        "WHERE p.name = $1 AND b.name = $2 AND p.deleted_at IS NULL",
        project, name);
    if (blueprint.empty() || blueprint[0][2].as<int>() == 0) {
      return;
    }
    found = true;
    recorded.project_id = blueprint[0][0].as<std::string>();
    recorded.blueprint_id = blueprint[0][1].as<std::string>();
    recorded.latest_version = blueprint[0][2].as<int>();
    if (!environment.empty()) {
      const auto env = tx.exec_params("SELECT id FROM environments WHERE project_id = $1 AND name = $2",
                                      recorded.project_id, environment);
      if (!env.empty()) {
        recorded.environment_id = env[0][0].as<std::string>();
      }
    }
    pqxx::result version;
    if (!recorded.environment_id.empty()) {
      version =
          tx.exec_params("SELECT v.id, v.version, v.content_hash, v.source_yaml, " +
                             utc("coalesce(d.finished_at, d.started_at)") +
                             " FROM deployments d JOIN blueprint_versions v ON v.id = d.blueprint_version_id "
                             "WHERE d.environment_id = $1 AND v.blueprint_id = $2 AND d.status = 'succeeded' "
                             "ORDER BY coalesce(d.finished_at, d.started_at) DESC LIMIT 1",
                         recorded.environment_id, recorded.blueprint_id);
      recorded.deployed = !version.empty();
    }
    if (version.empty()) {
      version = tx.exec_params(
          "SELECT id, version, content_hash, source_yaml, NULL FROM blueprint_versions "
          "WHERE blueprint_id = $1 AND version = $2",
          recorded.blueprint_id, recorded.latest_version);
    }
    recorded.version_id = version[0][0].as<std::string>();
    recorded.version = version[0][1].as<int>();
    recorded.content_hash = version[0][2].as<std::string>();
    recorded.source = version[0][3].as<std::string>();
    recorded.deployed_at = version[0][4].is_null() ? "" : version[0][4].as<std::string>();
    const auto same = tx.exec_params(
        "SELECT max(version) FROM blueprint_versions WHERE blueprint_id = $1 AND content_hash = $2",
        recorded.blueprint_id, file_hash);
    if (!same[0][0].is_null()) {
      recorded.file_version = same[0][0].as<int>();
    }
  });
  if (!found) {
    throw util::Error("--recorded: " + project + "/" + name +
                      " has no stored version for this tenant; push it first (`dharma blueprint push`)");
  }
  return recorded;
}

std::map<std::string, std::string> record_drift_report(Store& store, const std::string& tenant_id,
                                                       const RecordedVersion& recorded,
                                                       const std::vector<ReportedFinding>& findings) {
  std::map<std::string, std::string> first_seen;
  store.run_for_tenant(tenant_id, [&](pqxx::work& tx) {
    first_seen.clear();
    const std::string now = tx.exec(std::string("SELECT ") + utc("now()"))[0][0].as<std::string>();
    const auto previous = tx.exec_params(
        "SELECT d.changes::text FROM drift_reports d JOIN blueprint_versions v ON v.id = "
        "d.blueprint_version_id "
        "WHERE d.project_id = $1 AND d.environment_id IS NOT DISTINCT FROM NULLIF($2, '')::uuid "
        "AND v.blueprint_id = $3 AND d.source = 'recorded' ORDER BY d.detected_at DESC LIMIT 1",
        recorded.project_id, recorded.environment_id, recorded.blueprint_id);
    std::map<std::string, std::string> earlier;
    if (!previous.empty()) {
      for (const auto& item : nlohmann::json::parse(previous[0][0].as<std::string>())) {
        if (item.contains("key") && item.contains("first_seen")) {
          earlier[item["key"].get<std::string>()] = item["first_seen"].get<std::string>();
        }
      }
    }
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& finding : findings) {
      nlohmann::json item = finding.detail;
      item["key"] = finding.key;
      const auto seen = earlier.find(finding.key);
      item["first_seen"] = seen == earlier.end() ? now : seen->second;
      if (seen != earlier.end()) {
        first_seen[finding.key] = seen->second;
      }
      changes.push_back(std::move(item));
    }
    tx.exec_params(
        "INSERT INTO drift_reports (tenant_id, project_id, environment_id, blueprint_version_id, source, "
        "drifted, "
        "changes) VALUES ($1, $2, NULLIF($3, '')::uuid, $4, 'recorded', $5, $6::jsonb)",
        tenant_id, recorded.project_id, recorded.environment_id, recorded.version_id, !findings.empty(),
        changes.dump());
  });
  return first_seen;
}

}  // namespace dharma::state
