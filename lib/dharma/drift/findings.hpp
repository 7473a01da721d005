#pragma once
// What drift found, per resource: in sync, changed (with each attribute
// path, desired -> actual), missing (declared, absent) or unmanaged
// (present, not declared).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dharma/drift/rules.hpp"
#include "dharma/util/source_location.hpp"

namespace dharma::drift {

enum class Status { in_sync, changed, missing, unmanaged };

const char* status_name(Status status);

struct Change {
  std::string path;        // ingress[0].cidr_blocks, tags.owner
  nlohmann::json desired;  // null when the actual has an entry the blueprint does not
  nlohmann::json actual;   // null when absent
  Severity severity = Severity::medium;
  bool sensitive = false;  // values are never shown
};

// A finding of a resource in sync (from diff_resources) holds only its
// address, status, blueprint resource, severity (low) and tainted mark: no
// report prints more of it, and a state of thousands of resources in sync
// would otherwise copy each one's type, state file and blueprint line.
struct ResourceFinding {
  std::string address;
  std::string type;
  Status status = Status::in_sync;
  std::vector<Change> changes;     // for `changed`
  std::string blueprint_resource;  // "" for unmanaged and shared resources
  util::SourceLocation location;   // the blueprint resource's line
  std::string source;              // the state file it was found in (changed, unmanaged)
  bool tainted = false;
  Severity severity = Severity::medium;  // the highest of its changes; per status otherwise
  // --recorded: how the drift came about ("changed outside IaC", "not
  // applied yet" or both: recorded.hpp); "" otherwise.
  std::string verdict;
  // --recorded: the day (YYYY-MM-DD) an earlier stored report first saw
  // this finding; "" when this run is the first to see it.
  std::string drifted_since;

  bool drifted() const { return status != Status::in_sync; }
};

// A finding an ignore entry hid: `entry` says which.
struct IgnoredFinding {
  std::string address;
  std::string path;  // "" for the whole resource
  Status status = Status::changed;
  std::string reason;
  util::SourceLocation entry;
};

// What one drifted blueprint resource costs a month as it runs against as
// the blueprint says (drift_cost.hpp).
struct DriftCost {
  std::string blueprint_resource;
  std::vector<std::string> properties;  // "size: t3.small -> t3.large"
  double desired_monthly = 0;
  double actual_monthly = 0;

  double delta() const { return actual_monthly - desired_monthly; }
};

struct DriftReport {
  std::string blueprint;  // file
  std::string environment;
  std::vector<std::string> sources;        // state files
  std::vector<ResourceFinding> resources;  // declared first (rendering order), then unmanaged
  // Resources in sync that `resources` does not hold, only counted: no
  // report lists one, and a state of thousands in sync would otherwise keep
  // a finding for each (diff_resources' unlisted_in_sync says which stay).
  std::size_t in_sync_unlisted = 0;
  std::vector<IgnoredFinding> ignored;
  std::vector<std::string> notes;  // expired ignore entries, deposed objects...
  std::size_t data_sources = 0;
  // --recorded: "prod runs version 3 (sha256 …), the blueprint is version 5:
  // 2 resources changed, 1 added since"; "" otherwise.
  std::string recorded;
  std::vector<DriftCost> costs;  // priced drift, in resource order
  std::string cost_currency = "USD";

  double cost_delta() const;  // the sum of the costs' deltas

  std::size_t count(Status status) const;  // `in_sync` counts in_sync_unlisted too
  std::size_t total() const { return resources.size() + in_sync_unlisted; }  // resources compared or found
  bool has_drift() const;
};

}  // namespace dharma::drift
