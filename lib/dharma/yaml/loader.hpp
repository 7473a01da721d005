#pragma once
// Parses YAML text into a dharma::yaml::Node tree with source positions.

#include <string>
#include <string_view>

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::yaml {

struct LoadLimits {
  int max_depth = 200;                // nesting of mappings and sequences
  std::size_t max_nodes = 2'000'000;  // nodes after expanding aliases
};

// Parses exactly one YAML document. Problems (syntax errors, duplicate keys,
// non-scalar keys, invalid UTF-8, nesting or alias expansion past `limits`,
// several documents) are added to `diagnostics` with file:line:col; the
// result is nullptr when the text could not be parsed at all, and a null node
// for an empty document.
NodePtr load(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics,
             const LoadLimits& limits = {});

// Reads and parses a file; read failures (missing, directory, too large)
// become diagnostics too.
NodePtr load_file(const std::string& path, util::Diagnostics& diagnostics, const LoadLimits& limits = {});

}  // namespace dharma::yaml
