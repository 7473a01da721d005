// The one place the cost module reads value::Value: top-level scalar
// properties are copied out; anything symbolic, structured or sensitive is
// kept as Kind::other so the estimator can say why it cannot price it.

#include "dharma/blueprint/resolved.hpp"
#include "dharma/cost/facts.hpp"

namespace dharma::cost {
namespace {

Scalar to_scalar(const value::Value& value) {
  using Kind = value::Value::Kind;
  Scalar scalar;
  if (value.sensitive) {
    return scalar;
  }
  switch (value.kind()) {
    case Kind::string:
      scalar = Scalar::of_string(value.as_string());
      break;
    case Kind::integer:
    case Kind::number:
      scalar = Scalar::of_number(value.as_number());
      break;
    case Kind::boolean:
      scalar = Scalar::of_bool(value.as_bool());
      break;
    default:
      break;  // Kind::other: only its kind is ever read (the estimator says why it cannot price it)
  }
  return scalar;
}

}  // namespace

BlueprintFacts facts_from_blueprint(const blueprint::ResolvedBlueprint& blueprint) {
  BlueprintFacts facts;
  facts.file = blueprint.file;
  facts.name = blueprint.metadata.name;
  facts.provider = blueprint.provider;
  facts.region = blueprint.region;
  facts.environment = blueprint.environment;
  facts.resources.reserve(blueprint.resources.size());
  for (const auto& resource : blueprint.resources) {
    ResourceFacts r;
    r.name = resource.name;
    r.type = resource.type;
    r.count = resource.instance_count();
    r.location =
        resource.origin != nullptr ? resource.origin->location() : util::SourceLocation{blueprint.file, 0, 0};
    for (const auto& [key, value] : resource.properties) {
      r.properties.emplace(key, to_scalar(value));
    }
    facts.resources.push_back(std::move(r));
  }
  return facts;
}

}  // namespace dharma::cost
