#include "dharma/policy/target.hpp"

#include "dharma/util/text.hpp"

namespace dharma::policy {

using value::Value;

void add_targets(const blueprint::ResolvedBlueprint& blueprint, ResourceIndex& index,
                 std::vector<Target>& targets) {
  for (const auto& resource : blueprint.resources) {
    index.properties[resource.name] = &resource.properties;
  }
  targets.reserve(targets.size() + blueprint.resources.size());
  for (const auto& resource : blueprint.resources) {
    // `count: 0` switches a resource off in this environment: nothing to check.
    if (resource.instance_count() == 0) {
      continue;
    }
    Target target;
    target.subject.name = Value::string(resource.name);
    target.subject.type = Value::string(resource.type);
    target.subject.provider = Value::string(blueprint.provider);
    target.subject.region = Value::string(blueprint.region);
    target.subject.environment = Value::string(blueprint.environment);
    target.subject.count = Value::integer(resource.instance_count());
    target.subject.properties = &resource.properties;
    target.subject.labels = &blueprint.metadata.labels;
    target.subject.own_tags = &resource.tags;  // merged with the labels at lookup, not copied
    target.subject.index = &index;
    target.blueprint = blueprint.metadata.name;
    target.file = blueprint.file;
    target.resource = resource.name;
    target.type = resource.type;
    target.index = resource.declaration_index;
    target.location =
        resource.origin != nullptr ? resource.origin->location() : util::SourceLocation{blueprint.file};
    target.skips = &resource.guard_skips;
    const auto* resolved = &resource;
    target.locate = [resolved](const std::string& path) {
      return util::starts_with(path, "properties.") ? resolved->location_of(path.substr(11))
                                                    : util::SourceLocation{};
    };
    targets.push_back(std::move(target));
  }
}

}  // namespace dharma::policy
