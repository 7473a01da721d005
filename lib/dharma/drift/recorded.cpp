#include "dharma/drift/recorded.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace dharma::drift {

const char* const k_changed_outside_iac = "changed outside IaC";
const char* const k_not_applied_yet = "not applied yet";
const char* const k_changed_outside_and_not_applied = "changed outside IaC and not applied yet";

namespace {

// Keys view the resources' addresses.
std::map<std::string_view, const DesiredResource*> by_address(const std::vector<DesiredResource>& resources) {
  std::map<std::string_view, const DesiredResource*> index;
  for (const auto& resource : resources) {
    index.emplace(resource.address, &resource);
  }
  return index;
}

bool contains(const std::vector<std::string>& addresses, const std::string& address) {
  return std::find(addresses.begin(), addresses.end(), address) != addresses.end();
}

ResourceFinding not_applied(const DesiredResource& resource, Status status) {
  ResourceFinding finding;
  finding.address = resource.address;
  finding.type = resource.type;
  finding.blueprint_resource = resource.blueprint_resource;
  finding.status = status;
  finding.severity = status == Status::in_sync ? Severity::low : Severity::medium;
  finding.verdict = status == Status::in_sync ? "" : k_not_applied_yet;
  return finding;
}

// `module.app.aws_instance.web[0]` -> `aws_instance.web[0]` (also nested
// and indexed modules: module.a["x"].module.b.ADDRESS): the address the
// blueprint's rendering has for a resource found inside a module.
std::string module_free(const std::string& address) {
  std::size_t start = 0;
  while (address.compare(start, 7, "module.") == 0) {
    std::size_t at = start + 7;
    while (at < address.size() && address[at] != '.' && address[at] != '[') {
      ++at;
    }
    if (at < address.size() && address[at] == '[') {
      bool quoted = false;
      for (++at; at < address.size() && (quoted || address[at] != ']'); ++at) {
        if (address[at] == '"' && address[at - 1] != '\\') {
          quoted = !quoted;
        }
      }
      ++at;  // past ']'
    }
    if (at >= address.size() || address[at] != '.') {
      return address;  // not a module prefix after all
    }
    start = at + 1;
  }
  return address.substr(start);
}

}  // namespace

bool VersionDelta::touches(const std::string& address) const {
  return contains(changed, address) || contains(added, address) || contains(removed, address);
}

VersionDelta compare_versions(const std::vector<DesiredResource>& recorded,
                              const std::vector<DesiredResource>& current) {
  VersionDelta delta;
  const auto before = by_address(recorded);
  const auto now = by_address(current);
  for (const auto& resource : current) {
    const auto found = before.find(resource.address);
    if (found == before.end()) {
      delta.added.emplace_back(resource.address);
    } else if (!same_value(found->second->attributes, resource.attributes)) {
      delta.changed.emplace_back(resource.address);
    }
  }
  for (const auto& resource : recorded) {
    if (now.count(resource.address) == 0) {
      delta.removed.emplace_back(resource.address);
    }
  }
  return delta;
}

std::vector<ResourceFinding> findings_since_recorded(const std::vector<DesiredResource>& recorded,
                                                     const std::vector<DesiredResource>& current) {
  const auto before = by_address(recorded);
  const auto now = by_address(current);
  std::vector<ResourceFinding> findings;
  for (const auto& resource : current) {
    const auto found = before.find(resource.address);
    if (found == before.end()) {
      findings.push_back(not_applied(resource, Status::missing));
      continue;
    }
    const Value& old_attributes = found->second->attributes;
    auto finding = not_applied(resource, Status::in_sync);
    std::map<std::string, bool> keys;
    for (const Member* it = resource.attributes.begin_members(); it != resource.attributes.end_members();
         ++it) {
      keys[std::string(it->key)] = true;
    }
    for (const Member* it = old_attributes.begin_members(); it != old_attributes.end_members(); ++it) {
      keys[std::string(it->key)] = true;
    }
    static const Value none;
    for (const auto& [key, unused] : keys) {
      const Value* desired = resource.attributes.find(key);
      const Value* actual = old_attributes.find(key);
      if (!same_value(desired == nullptr ? none : *desired, actual == nullptr ? none : *actual)) {
        finding.changes.push_back({key, desired == nullptr ? nlohmann::json() : to_json(*desired),
                                   actual == nullptr ? nlohmann::json() : to_json(*actual), Severity::medium,
                                   false});
      }
    }
    if (!finding.changes.empty()) {
      finding.status = Status::changed;
      finding.severity = Severity::medium;
      finding.verdict = k_not_applied_yet;
    }
    findings.push_back(std::move(finding));
  }
  for (const auto& resource : recorded) {
    if (now.count(resource.address) == 0) {
      findings.push_back(not_applied(resource, Status::unmanaged));
    }
  }
  return findings;
}

void assign_verdicts(std::vector<ResourceFinding>& current, const std::vector<ResourceFinding>& recorded,
                     const VersionDelta& delta) {
  std::map<std::string, const ResourceFinding*> recorded_by_address;
  for (const auto& finding : recorded) {
    recorded_by_address.emplace(finding.address, &finding);
  }
  for (auto& finding : current) {
    if (!finding.drifted()) {
      continue;
    }
    const auto found = recorded_by_address.find(finding.address);
    // Not in the recorded comparison at all: neither the deploy nor the
    // state has it, so only a blueprint that added it since can explain a
    // `missing`; anything else present was made outside IaC.
    const bool matches_deploy =
        found == recorded_by_address.end() ? finding.status == Status::missing : !found->second->drifted();
    // The blueprint's addresses are module-free; the finding's may name a module (differ.hpp).
    const bool blueprint_moved = delta.touches(module_free(finding.address));
    if (matches_deploy) {
      finding.verdict = k_not_applied_yet;
    } else if (blueprint_moved) {
      finding.verdict = k_changed_outside_and_not_applied;
    } else {
      finding.verdict = k_changed_outside_iac;
    }
  }
}

std::string delta_summary(const VersionDelta& delta) {
  return fmt::format("{} resource{} changed, {} added, {} removed since", delta.changed.size(),
                     delta.changed.size() == 1 ? "" : "s", delta.added.size(), delta.removed.size());
}

std::string finding_key(const ResourceFinding& finding) {
  return finding.address + " " + status_name(finding.status) + " " + finding.verdict;
}

}  // namespace dharma::drift
