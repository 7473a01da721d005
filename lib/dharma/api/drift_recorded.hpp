#pragma once
// `dharma drift --recorded` (docs/drift.md): finds the version of the
// blueprint that runs in the environment (drift_reports.hpp), renders it
// through the same renderer as the blueprint file, fills the report (the
// blueprint against the recorded version, or with --state or --k8s the
// verdict of each finding) and stores it with each finding's first-seen time.

#include <nlohmann/json.hpp>
#include <string>

#include "dharma/api/drift_api.hpp"
#include "dharma/drift/differ.hpp"
#include "dharma/drift/findings.hpp"
#include "dharma/state/drift_reports.hpp"

namespace dharma::api {

class StateSession;

// The desired side: rendered resources and the variables' values.
struct DriftDesired {
  std::vector<drift::DesiredResource> resources;
  nlohmann::json variables;
};

// The blueprint's Terraform, rendered by generate's renderer (drift_api.cpp).
DriftDesired render_terraform_desired(const blueprint::ResolvedBlueprint& blueprint, CommandContext& context);
// The blueprint's Kubernetes manifests, rendered by generate's renderer
// (drift_api.cpp); exit 2 when it renders none.
DriftDesired render_kubernetes_desired(const blueprint::ResolvedBlueprint& blueprint,
                                       CommandContext& context);

class RecordedComparison {
 public:
  // Opens the state session, finds and renders the recorded version (its
  // Kubernetes manifests with --k8s, else its Terraform). Exit 2 when the
  // blueprint is not stored, 3 when the store is unavailable.
  RecordedComparison(const DriftOptions& options, const blueprint::ResolvedBlueprint& current,
                     CommandContext& context);

  // Fills `report`: without `actual`, one finding per resource the
  // blueprint changed, added or removed since the recorded version; with
  // it, the verdict of each finding already in the report.
  void apply(const DriftDesired& current, const drift::ActualState* actual, const drift::DriftRules& rules,
             const drift::DiffOptions& diff, drift::DriftReport& report) const;

  // Stores the report in drift_reports and sets each finding's drifted_since.
  void store(drift::DriftReport& report);

 private:
  StateSession& m_session;
  std::string m_tenant_id;
  std::string m_environment;
  std::string m_file_hash;
  state::RecordedVersion m_version;
  DriftDesired m_desired;
};

}  // namespace dharma::api
