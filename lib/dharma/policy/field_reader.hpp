#pragma once
// Reads the fields of one YAML mapping in a policy or configuration file,
// reporting wrong types, missing required fields and unknown keys (with a
// "did you mean") to Diagnostics with file:line:col.

#include <optional>
#include <string>
#include <vector>

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::policy {

class FieldReader {
 public:
  // `what` names the mapping in messages ("policy", "check", "fixture").
  FieldReader(const yaml::Node& map, std::string what, util::Diagnostics& diagnostics);

  // Reports keys not in `known`.
  void allow_only(const std::vector<std::string>& known);
  const yaml::Node* node(const std::string& key, bool required = false);
  std::optional<std::string> string(const std::string& key, bool required = false);
  std::optional<std::vector<std::string>> strings(const std::string& key, bool required = false);
  void error(const yaml::Node& where, std::string message) { m_diagnostics.error(where.location(), std::move(message)); }
  util::Diagnostics& diagnostics() { return m_diagnostics; }

 private:
  const yaml::Node& m_map;
  std::string m_what;
  util::Diagnostics& m_diagnostics;
};

// A mapping node or an error saying `what` must be one.
bool expect_map(const yaml::Node& node, const std::string& what, util::Diagnostics& diagnostics);

}  // namespace dharma::policy
