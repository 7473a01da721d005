#pragma once
// How drift compares each Terraform resource type, read from the catalog's
// templates/drift/terraform.yaml: which attributes the provider computes
// (never compared), which lists are sets (compared unordered), which strings
// hold JSON documents (compared as JSON), which hold quantities (`1000m` is
// `1`, `512Mi` is 536870912), and the severity of a change by attribute
// path. Paths name attributes without list indexes: `ingress.cidr_blocks`.

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "dharma/util/diagnostics.hpp"

namespace dharma::drift {

enum class Severity { low, medium, high, critical };

const char* severity_name(Severity severity);

struct TypeRules {
  std::set<std::string> computed;
  std::set<std::string> sets;
  std::set<std::string> json;
  std::set<std::string> quantities;
  std::vector<std::pair<std::string, Severity>> severity;  // path pattern (glob) -> severity
};

class DriftRules {
 public:
  // Reads `file`; problems go to `diagnostics` at their line.
  static DriftRules load(const std::filesystem::path& file, util::Diagnostics& diagnostics);

  bool is_computed(const std::string& type, const std::string& path) const;
  bool is_set(const std::string& type, const std::string& path) const;
  bool is_json(const std::string& type, const std::string& path) const;
  bool is_quantity(const std::string& type, const std::string& path) const;
  // The most specific matching pattern of the type, else of the defaults, else medium.
  Severity severity(const std::string& type, const std::string& path) const;

  TypeRules& defaults() { return m_defaults; }
  TypeRules& type(const std::string& name) { return m_types[name]; }

 private:
  TypeRules m_defaults;
  std::map<std::string, TypeRules> m_types;

  bool in(const std::string& type, const std::string& path, std::set<std::string> TypeRules::*member) const;
};

}  // namespace dharma::drift
