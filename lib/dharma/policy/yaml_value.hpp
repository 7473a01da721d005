#pragma once
// Converts a YAML tree (policy operands, fixtures, configuration) into plain
// blueprint values: plain scalars by the YAML 1.2 core schema, quoted
// scalars always strings. No expressions are evaluated.

#include "dharma/value/value.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::policy {

value::Value to_value(const yaml::Node& node);

}  // namespace dharma::policy
