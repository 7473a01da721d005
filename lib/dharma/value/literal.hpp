#pragma once
// Converts YAML into plain Values without evaluating `${...}`: the one
// literal reader for catalog defaults, --values files, and guard policies
// (operands, parameters, fixtures) and their configuration. Plain scalars
// follow the YAML 1.2 core schema, quoted scalars are strings. Every value
// keeps its origin (a pointer into the tree), so the caller keeps the tree
// alive as long as the values (policy::Policy holds its document).

#include "dharma/value/value.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::value {

Value literal_value(const yaml::Node& node);

// A plain scalar's typed value ("42" -> integer, "true" -> boolean, ...).
Value scalar_value(const yaml::Node& node);

}  // namespace dharma::value
