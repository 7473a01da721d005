#pragma once
// Small checks shared by the cost module's YAML readers (price catalogs,
// usage files, dharma.yaml): expected shapes, known keys with "did you mean",
// and typed scalars, each failure reported at the node's file:line:col.

#include <initializer_list>
#include <optional>
#include <string>

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::cost::fields {

// True when `node` is a mapping; otherwise reports "`what` must be a mapping".
bool expect_map(const yaml::Node& node, const std::string& what, util::Diagnostics& diagnostics);
// Reports every key of `node` not in `known`, with a suggestion.
void check_keys(const yaml::Node& node, std::initializer_list<const char*> known, const std::string& what,
                util::Diagnostics& diagnostics);
// A string scalar (plain or quoted); reports other shapes.
std::optional<std::string> string_value(const yaml::Node& node, const std::string& what,
                                        util::Diagnostics& diagnostics);
// A number from 0 to k_max_amount; reports text, negatives, NaN, infinities
// and larger numbers.
std::optional<double> non_negative_number(const yaml::Node& node, const std::string& what,
                                          util::Diagnostics& diagnostics);
// The value under `key`, reporting it as missing at the mapping when required.
const yaml::Node* required(const yaml::Node& map, const char* key, const std::string& what,
                           util::Diagnostics& diagnostics);

}  // namespace dharma::cost::fields
