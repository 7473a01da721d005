#pragma once
// Compares two yaml::Node trees node by node (kind, scalar text, plain flag,
// file, line, column, children in order), for the tests and fuzz targets that
// check one way of building a tree against another.

#include <string>

#include "dharma/yaml/node.hpp"

namespace dharma::yaml {

// Where the trees first differ and how ("/resources/0/name: ..."), or ""
// when they are the same.
std::string first_difference(const Node& a, const Node& b);

}  // namespace dharma::yaml
