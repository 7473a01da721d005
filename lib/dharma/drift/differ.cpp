// Matching is by address. A desired resource with a known count is one
// address per instance (aws_instance.web[0], [1]); one whose count is not
// known offline stands for every instance the state has of it. Desired
// addresses are module-free: a blueprint rendered into a Terraform module
// shows in the state as module.app.aws_instance.web, which matches
// aws_instance.web when no root resource has that address and exactly one
// module has it; when several modules have it the match is ambiguous, the
// resource is reported missing with a note naming the candidates, and the
// candidates stay unmanaged. Templates in
// desired values are evaluated against the actual state first, so that
// `vpc_id = "${aws_vpc.vpc.id}"` compares with the id the state's
// aws_vpc.vpc has: a resource that points at another object than the one
// the blueprint names is drift, whatever the id.

#include "dharma/drift/differ.hpp"

#include <map>
#include <set>

#include "dharma/drift/template_value.hpp"
#include "dharma/drift/value_compare.hpp"
#include "dharma/util/text.hpp"

namespace dharma::drift {
namespace {

// The module-wrapped instances of the state by module-free address
// (aws_instance.web[0]) and by module-free base address (aws_instance.web).
struct ModuleIndex {
  std::map<std::string, std::vector<const ActualResource*>, std::less<>> by_address;
  std::map<std::string, std::vector<const ActualResource*>, std::less<>> by_base;

  explicit ModuleIndex(const ActualState& state) {
    for (const auto& resource : state.resources) {
      if (!resource.module.empty()) {
        const std::string prefix = std::string(resource.module) + ".";
        by_address[std::string(util::starts_with(resource.address, prefix)
                                   ? resource.address.substr(prefix.size())
                                   : resource.address)]
            .push_back(&resource);
        by_base[resource.base_address()].push_back(&resource);
      }
    }
  }
};

std::string ambiguity_note(std::string_view address, const std::vector<const ActualResource*>& candidates) {
  std::vector<std::string> names;
  for (const auto* candidate : candidates) {
    names.emplace_back(candidate->address);
  }
  return std::string(address) + " is ambiguous: " + util::join(names, ", ") +
         " all match it; give the state of one module (or compare each module's blueprint on its own)";
}

// The instances of a count-unknown resource under one module, or none
// (ambiguous when they are under several).
std::vector<const ActualResource*> module_instances(const std::vector<const ActualResource*>& candidates,
                                                    bool& ambiguous) {
  std::set<std::string_view> modules;
  for (const auto* candidate : candidates) {
    modules.insert(candidate->module);
  }
  ambiguous = modules.size() > 1;
  return ambiguous ? std::vector<const ActualResource*>{} : candidates;
}

// Fills `finding` (a new one). A finding in sync carries what is read of it after the diff (the
// address, status, blueprint resource and tainted mark: counts, the tainted
// note, running instance counts, recorded verdicts); the type, state file
// and blueprint line are set only on a finding that drifted (findings.hpp).
void compare_one(const DesiredResource& desired, const ActualResource& actual, const ActualState& state,
                 const DriftRules& rules, const nlohmann::json& variables, TemplateCache& cache,
                 ResourceFinding& finding) {
  finding.address = actual.address;
  finding.blueprint_resource = desired.blueprint_resource;
  finding.tainted = actual.tainted;
  TemplateScope scope{&state, std::nullopt, &variables, actual.module, &cache};
  if (actual.index.is_number_integer()) {
    scope.count_index = actual.index.get<long long>();
  }
  // Templates are evaluated where the comparison reaches them, not copied first.
  CompareScope compare{&rules, desired.type, &actual.sensitive, &scope};
  compare_attributes(desired.attributes, actual.attributes, compare, finding.changes);
  finding.severity = Severity::low;
  if (finding.changes.empty()) {
    finding.status = Status::in_sync;
    return;
  }
  finding.status = Status::changed;
  finding.type = desired.type;
  finding.source = actual.source;
  for (const auto& change : finding.changes) {
    finding.severity = std::max(finding.severity, change.severity);
  }
}

}  // namespace

std::vector<ResourceFinding> diff_resources(const std::vector<DesiredResource>& desired,
                                            const ActualState& actual, const DriftRules& rules,
                                            const DiffOptions& options, std::vector<std::string>* notes,
                                            std::size_t* unlisted_in_sync) {
  std::vector<ResourceFinding> findings;
  // Room for every finding, so none is moved as the list grows; when those
  // in sync are only counted, few stay and the list grows as it must.
  if (unlisted_in_sync == nullptr) {
    findings.reserve(desired.size() + (options.only_managed ? 0 : actual.resources.size()));
  }
  // Per actual resource (by position): whether a desired one matched it.
  std::vector<char> matched(actual.resources.size(), 0);
  TemplateCache templates;  // one state, one set of variables: each template evaluated once per scope
  const ModuleIndex modules(actual);
  auto locate = [&](ResourceFinding& finding, const DesiredResource& resource) {
    const auto it = options.locations.find(std::string(resource.blueprint_resource));
    if (it != options.locations.end()) {
      finding.location = it->second;
    }
  };
  for (const auto& resource : desired) {
    std::vector<const ActualResource*> instances;
    std::vector<const ActualResource*> ambiguous;
    if (resource.any_index) {
      for (const auto& candidate : actual.resources) {
        if (candidate.module.empty() && candidate.base_address() == resource.base_address()) {
          instances.push_back(&candidate);
        }
      }
      const auto wrapped = modules.by_base.find(resource.base_address());
      if (instances.empty() && wrapped != modules.by_base.end()) {
        bool several = false;
        instances = module_instances(wrapped->second, several);
        if (several) {
          ambiguous = wrapped->second;
        }
      }
    } else if (const auto* found = actual.find(resource.address)) {
      instances.push_back(found);
    } else if (const auto wrapped = modules.by_address.find(resource.address);
               wrapped != modules.by_address.end()) {
      if (wrapped->second.size() == 1) {
        instances.push_back(wrapped->second.front());
      } else {
        ambiguous = wrapped->second;
      }
    }
    if (!ambiguous.empty() && notes != nullptr) {
      notes->push_back(ambiguity_note(resource.address, ambiguous));
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
      matched[static_cast<std::size_t>(instance - actual.resources.data())] = 1;
      ResourceFinding& finding =
          findings.emplace_back();  // in place: most are in sync, and moving one costs more
      compare_one(resource, *instance, actual, rules, options.variables, templates, finding);
      if (finding.drifted()) {
        locate(finding, resource);
      } else if (unlisted_in_sync != nullptr && !finding.tainted && !instance->index.is_number_integer()) {
        findings.pop_back();  // its slot is the next one's
        ++*unlisted_in_sync;
      }
    }
  }
  if (!options.only_managed) {
    for (std::size_t i = 0; i < actual.resources.size(); ++i) {
      const ActualResource& resource = actual.resources[i];
      if (matched[i] == 0) {
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
