#include "dharma/api/drift_recorded.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "dharma/api/blueprint_reference.hpp"
#include "dharma/api/state_session.hpp"
#include "dharma/drift/recorded.hpp"
#include "dharma/state/api_call_counter.hpp"
#include "dharma/state/blueprint_store.hpp"
#include "dharma/state/checksum.hpp"
#include "dharma/state/names.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::api {
namespace {

// The stored source resolved like the file (same --env, --set, --values):
// written to a private temporary folder under the file's own name, so
// located errors name the version, and removed on every exit path.
blueprint::ResolvedBlueprint resolve_stored(const std::string& file, const state::RecordedVersion& version,
                                            const ResolveOptions& resolve, CommandContext& context) {
  const auto folder = std::filesystem::temp_directory_path() /
                      fmt::format("dharma-drift-{}-v{}", static_cast<long>(::getpid()), version.version);
  struct Remove {
    std::filesystem::path path;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } remove{folder};
  std::filesystem::create_directories(folder);
  const auto path = folder / std::filesystem::path(file).filename();
  util::write_file_atomic(path.string(), version.source);
  return load_blueprint_or_exit(context, path.string(), resolve);
}

std::string short_hash(const std::string& hash) {
  return hash.substr(0, 12) + "…";
}

}  // namespace

RecordedComparison::RecordedComparison(const DriftOptions& options,
                                       const blueprint::ResolvedBlueprint& current, CommandContext& context)
    : m_session(context.state_session(options.connection, !options.no_cache)),
      m_environment(options.resolve.environment),
      m_file_hash(state::sha256_hex(util::read_file(options.file))) {
  const std::string name = current.metadata.name;
  state::check_store_name(name, "blueprint name");
  if (!options.project.empty()) {
    state::check_store_name(options.project, "--project");
  }
  m_tenant_id = m_session.resolve_tenant(tenant_slug(options.tenant));
  state::count_api_call(m_session.store, m_session.cache, m_tenant_id);
  state::BlueprintStore blueprints(m_session.store, m_session.cache);
  const std::string project = choose_project(
      "", options.project, name,
      options.project.empty() ? blueprints.list(m_tenant_id, "") : std::vector<state::BlueprintSummary>{});
  m_version =
      state::find_recorded_version(m_session.store, m_tenant_id, project, name, m_environment, m_file_hash);
  const auto recorded = resolve_stored(options.file, m_version, options.resolve, context);
  m_desired = options.k8s.empty() ? render_terraform_desired(recorded, context)
                                  : render_kubernetes_desired(recorded, context);
}

void RecordedComparison::apply(const DriftDesired& current, const drift::ActualState* actual,
                               const drift::DriftRules& rules, const drift::DiffOptions& diff,
                               drift::DriftReport& report) const {
  const auto delta = drift::compare_versions(m_desired.resources, current.resources);
  if (actual == nullptr) {
    report.resources = drift::findings_since_recorded(m_desired.resources, current.resources);
    if (diff.only_managed) {
      report.resources.erase(std::remove_if(report.resources.begin(), report.resources.end(),
                                            [](const drift::ResourceFinding& finding) {
                                              return finding.status == drift::Status::unmanaged;
                                            }),
                             report.resources.end());
    }
    for (auto& finding : report.resources) {
      const auto location = diff.locations.find(finding.blueprint_resource);
      if (location != diff.locations.end()) {
        finding.location = location->second;
      }
    }
  } else {
    drift::DiffOptions recorded_diff = diff;
    recorded_diff.variables = m_desired.variables;
    recorded_diff.only_managed = false;
    drift::assign_verdicts(report.resources,
                           drift::diff_resources(m_desired.resources, *actual, rules, recorded_diff), delta);
  }
  const std::string where = m_environment.empty() ? "this blueprint" : m_environment;
  std::string text =
      m_version.deployed
          ? fmt::format("{} runs version {} (sha256 {}, deployed {})", where, m_version.version,
                        short_hash(m_version.content_hash), m_version.deployed_at)
          : fmt::format("no successful deploy of {} is recorded; the latest pushed version is {} (sha256 {})",
                        m_environment.empty() ? "this blueprint" : m_environment, m_version.version,
                        short_hash(m_version.content_hash));
  text += m_version.file_version ? fmt::format(", the blueprint is version {}", *m_version.file_version)
                                 : fmt::format(", the blueprint file is not a pushed version (sha256 {})",
                                               short_hash(m_file_hash));
  report.recorded = text + ": " + drift::delta_summary(delta);
}

void RecordedComparison::store(drift::DriftReport& report) {
  std::vector<state::ReportedFinding> findings;
  for (const auto& finding : report.resources) {
    if (!finding.drifted()) {
      continue;
    }
    nlohmann::json paths = nlohmann::json::array();
    for (const auto& change : finding.changes) {
      paths.push_back(change.path);
    }
    findings.push_back({drift::finding_key(finding),
                        {{"address", finding.address},
                         {"status", drift::status_name(finding.status)},
                         {"verdict", finding.verdict},
                         {"paths", std::move(paths)}}});
  }
  const auto first_seen = state::record_drift_report(m_session.store, m_tenant_id, m_version, findings);
  for (auto& finding : report.resources) {
    const auto seen = first_seen.find(drift::finding_key(finding));
    if (finding.drifted() && seen != first_seen.end()) {
      finding.drifted_since = seen->second.substr(0, 10);
    }
  }
}

}  // namespace dharma::api
