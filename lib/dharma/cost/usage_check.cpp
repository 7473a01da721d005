// check_usage(): a usage file is checked against every estimate of a run
// (both sides of a diff), so a quantity for a resource that exists in only
// one of them is still accepted, and a typo is caught with a suggestion.

#include <map>
#include <set>

#include "dharma/cost/estimator.hpp"
#include "dharma/util/text.hpp"

namespace dharma::cost {

void check_usage(const UsageFile& usage, const std::vector<const Estimate*>& estimates,
                 util::Diagnostics& diagnostics) {
  std::vector<std::string> names;
  std::map<std::string, std::set<std::string>> keys_by_resource;
  for (const Estimate* estimate : estimates) {
    for (const auto& resource : estimate->resources) {
      names.push_back(resource.name);
      keys_by_resource[resource.name].insert(resource.usage_keys.begin(), resource.usage_keys.end());
    }
  }
  for (const auto& [name, values] : usage.resources) {
    const auto known = keys_by_resource.find(name);
    if (known == keys_by_resource.end()) {
      diagnostics.error(
          usage.resource_locations.at(name),
          "usage given for unknown resource " + util::quoted(name) + util::did_you_mean(name, names));
      continue;
    }
    const std::vector<std::string> keys(known->second.begin(), known->second.end());
    for (const auto& [key, value] : values) {
      if (known->second.count(key) == 0) {
        diagnostics.error(value.location, util::quoted(key) + " is not a usage quantity of resource " +
                                              util::quoted(name) +
                                              (keys.empty() ? std::string(" (it has no usage-based prices)")
                                                            : " (it uses: " + util::join(keys, ", ") + ")" +
                                                                  util::did_you_mean(key, keys)));
      }
    }
  }
}

}  // namespace dharma::cost
