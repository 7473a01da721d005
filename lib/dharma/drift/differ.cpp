// Matching is by address. A desired resource with a known count is one
// address per instance (aws_instance.web[0], [1]); one whose count is not
// known offline stands for every instance the state has of it. Templates in
// desired values are evaluated against the actual state first, so that
// `vpc_id = "${aws_vpc.vpc.id}"` compares with the id the state's
// aws_vpc.vpc has: a resource that points at another object than the one
// the blueprint names is drift, whatever the id.

#include "dharma/drift/differ.hpp"

#include <set>

#include "dharma/drift/template_value.hpp"
#include "dharma/drift/value_compare.hpp"

namespace dharma::drift {
namespace {

ResourceFinding compare_one(const DesiredResource& desired, const ActualResource& actual,
                            const ActualState& state, const DriftRules& rules,
                            const nlohmann::json& variables) {
  ResourceFinding finding;
  finding.address = actual.address;
  finding.type = desired.type;
  finding.blueprint_resource = desired.blueprint_resource;
  finding.source = actual.source;
  finding.tainted = actual.tainted;
  TemplateScope scope{&state, std::nullopt, &variables};
  if (actual.index.is_number_integer()) {
    scope.count_index = actual.index.get<long long>();
  }
  const nlohmann::json values = evaluate_rendered(desired.attributes, scope);
  CompareScope compare{&rules, desired.type, &actual.sensitive};
  compare_attributes(values, actual.attributes, compare, finding.changes);
  finding.status = finding.changes.empty() ? Status::in_sync : Status::changed;
  finding.severity = Severity::low;
  for (const auto& change : finding.changes) {
    finding.severity = std::max(finding.severity, change.severity);
  }
  return finding;
}

}  // namespace

std::vector<ResourceFinding> diff_resources(const std::vector<DesiredResource>& desired,
                                            const ActualState& actual, const DriftRules& rules,
                                            const DiffOptions& options) {
  std::vector<ResourceFinding> findings;
  std::set<std::string> matched;
  auto locate = [&](ResourceFinding& finding, const DesiredResource& resource) {
    const auto it = options.locations.find(resource.blueprint_resource);
    if (it != options.locations.end()) {
      finding.location = it->second;
    }
  };
  for (const auto& resource : desired) {
    std::vector<const ActualResource*> instances;
    if (resource.any_index) {
      for (const auto& candidate : actual.resources) {
        if (candidate.module.empty() && candidate.base_address() == resource.base_address()) {
          instances.push_back(&candidate);
        }
      }
    } else if (const auto* found = actual.find(resource.address)) {
      instances.push_back(found);
    }
    if (instances.empty()) {
      ResourceFinding finding;
      finding.address = resource.address;
      finding.type = resource.type;
      finding.status = Status::missing;
      finding.blueprint_resource = resource.blueprint_resource;
      finding.severity = rules.severity(resource.type, "resource-missing");
      locate(finding, resource);
      findings.push_back(std::move(finding));
      continue;
    }
    for (const auto* instance : instances) {
      matched.insert(instance->address);
      ResourceFinding finding = compare_one(resource, *instance, actual, rules, options.variables);
      locate(finding, resource);
      findings.push_back(std::move(finding));
    }
  }
  if (!options.only_managed) {
    for (const auto& resource : actual.resources) {
      if (matched.count(resource.address) == 0) {
        ResourceFinding finding;
        finding.address = resource.address;
        finding.type = resource.type;
        finding.status = Status::unmanaged;
        finding.source = resource.source;
        finding.tainted = resource.tainted;
        finding.severity = rules.severity(resource.type, "resource-unmanaged");
        findings.push_back(std::move(finding));
      }
    }
  }
  return findings;
}

}  // namespace dharma::drift
