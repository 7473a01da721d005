#pragma once
// Converts YAML into plain Values without evaluating `${...}` (for catalog
// defaults, --values files, policy fixtures): plain scalars follow the YAML
// 1.2 core schema, quoted scalars are strings. Every value keeps its origin.

#include "dharma/value/value.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::value {

Value literal_value(const yaml::Node& node);

// A plain scalar's typed value ("42" -> integer, "true" -> boolean, ...).
Value scalar_value(const yaml::Node& node);

}  // namespace dharma::value
