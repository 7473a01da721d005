#include "dharma/blueprint/resolved.hpp"

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
  for (const auto& resource : resources) {
    if (resource.name == name) {
      return &resource;
    }
  }
  return nullptr;
}

const ResolvedParameter* ResolvedBlueprint::find_parameter(const std::string& name) const {
  for (const auto& parameter : parameters) {
    if (parameter.name == name) {
      return &parameter;
    }
  }
  return nullptr;
}

}  // namespace dharma::blueprint
