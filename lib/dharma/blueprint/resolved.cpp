#include "dharma/blueprint/resolved.hpp"

#include "dharma/util/find.hpp"

namespace dharma::blueprint {

util::SourceLocation ResolvedResource::location_of(const std::string& dotted_path) const {
  const auto dot = dotted_path.find('.');
  const std::string head = dotted_path.substr(0, dot);
  for (const auto& [key, value] : properties) {
    if (key != head) {
      continue;
    }
    const Value* found = dot == std::string::npos ? &value : value.find_path(dotted_path.substr(dot + 1));
    if (found != nullptr && found->origin != nullptr) {
      return found->location();
    }
    if (value.origin != nullptr) {
      return value.location();
    }
  }
  return origin != nullptr ? origin->location() : util::SourceLocation{};
}

const ResolvedResource* ResolvedBlueprint::find_resource(const std::string& name) const {
  return resource_index.find(resources, &ResolvedResource::name, name);
}

const ResolvedParameter* ResolvedBlueprint::find_parameter(const std::string& name) const {
  return util::find_by(parameters, &ResolvedParameter::name, name);
}

}  // namespace dharma::blueprint
