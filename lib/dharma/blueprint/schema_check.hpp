#pragma once
// Checks a portable resource's evaluated properties against its catalog
// schema: unknown properties (with "did you mean"), wrong types, values
// outside min/max/allowed, missing required properties. Applies defaults and
// marks sensitive properties.

#include "dharma/catalog/type_schema.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/value/value.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::blueprint {

using value::List;
using value::Map;
using value::Value;

void check_properties(Map& properties, const catalog::TypeSchema& schema, const yaml::Node& resource_node,
                      util::Diagnostics& diagnostics);

}  // namespace dharma::blueprint
