#pragma once
// A resource to check, with everything the engine needs to report on it.

#include <functional>
#include <string>
#include <vector>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/policy/subject.hpp"

namespace dharma::policy {

struct Target {
  Subject subject;
  std::string blueprint;  // metadata.name
  std::string file;
  std::string resource;
  std::string type;
  std::size_t index = 0;
  util::SourceLocation location;  // the resource
  const std::vector<blueprint::GuardSkip>* skips = nullptr;
  // Where a `properties.` path was written; empty location when unknown.
  std::function<util::SourceLocation(const std::string& path)> locate;
};

// One target per resource of `blueprint` whose count is not 0, in declaration order, appended to
// `targets`. They point into `blueprint` and `index` (filled here), which
// must outlive them.
void add_targets(const blueprint::ResolvedBlueprint& blueprint, ResourceIndex& index,
                 std::vector<Target>& targets);

}  // namespace dharma::policy
