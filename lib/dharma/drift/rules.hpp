#pragma once
// How drift compares each Terraform resource type, read from the catalog's
// templates/drift/terraform.yaml: which attributes the provider computes
// (never compared), which lists are sets (compared unordered), which strings
// hold JSON documents (compared as JSON), which hold quantities (`1000m` is
// `1`, `512Mi` is 536870912), and the severity of a change by attribute
// path. Paths name attributes without list indexes: `ingress.cidr_blocks`.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
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
  std::set<std::string>
      open_maps;               // maps where keys only the actual has are not drift (server-added annotations)
  std::set<std::string> maps;  // with `objects: blocks`, the objects that are maps (labels), compared whole
  std::vector<std::pair<std::string, Severity>> severity;  // path pattern (glob) -> severity
  // Every path the sets above name, with the sets that name it (bits of
  // RuleFlag), merged with the defaults' for a type: one hash lookup
  // answers each question about a path. Built by DriftRules::load.
  std::unordered_map<std::string, unsigned char> flags;
  // A filter before the hash lookup: the first bytes and the lengths (63
  // and up share a bit) of the paths in `flags`. Most paths compared are
  // in no set, and most of those fail here without being hashed.
  std::uint64_t first_bytes[4] = {0, 0, 0, 0};
  std::uint64_t lengths = 0;
  bool may_have(const std::string& path) const {
    if (path.empty()) {
      return !flags.empty();
    }
    const auto first = static_cast<unsigned char>(path[0]);
    return ((first_bytes[first >> 6U] >> (first & 63U)) & 1U) != 0 &&
           ((lengths >> std::min<std::size_t>(path.size(), 63)) & 1U) != 0;
  }
};

enum RuleFlag : unsigned char {
  k_computed = 1,
  k_set = 2,
  k_json = 4,
  k_quantity = 8,
  k_open_map = 16,
  k_map = 32,
};

// The rules of one resource type (its own and the defaults), found once for
// a resource rather than once per attribute checked. Valid while the
// DriftRules it came from lives.
class TypeRuleView {
 public:
  TypeRuleView(const TypeRules& defaults, const TypeRules* type, bool objects_are_blocks)
      : m_defaults(&defaults), m_type(type), m_objects_are_blocks(objects_are_blocks) {}

  bool is_computed(const std::string& path) const { return in(path, k_computed); }
  bool is_set(const std::string& path) const { return in(path, k_set); }
  bool is_json(const std::string& path) const { return in(path, k_json); }
  bool is_quantity(const std::string& path) const { return in(path, k_quantity); }
  bool is_open_map(const std::string& path) const { return in(path, k_open_map); }
  bool is_map(const std::string& path) const { return !m_objects_are_blocks || in(path, k_map); }
  Severity severity(const std::string& path) const;

 private:
  const TypeRules* m_defaults;
  const TypeRules* m_type;  // null when the file has no rules of its own for the type
  bool m_objects_are_blocks;

  // The type's merged flags (the defaults' alone when it has no rules).
  bool in(const std::string& path, RuleFlag flag) const {
    const TypeRules& rules = m_type != nullptr ? *m_type : *m_defaults;
    const auto& flags = rules.flags;
    if (flags.empty() || !rules.may_have(path)) {
      return false;
    }
    const auto it = flags.find(path);
    return it != flags.end() && (it->second & flag) != 0;
  }
};

class DriftRules {
 public:
  // Reads `file`; problems go to `diagnostics` at their line.
  static DriftRules load(const std::filesystem::path& file, util::Diagnostics& diagnostics);

  bool is_computed(const std::string& type, const std::string& path) const;
  bool is_set(const std::string& type, const std::string& path) const;
  bool is_json(const std::string& type, const std::string& path) const;
  bool is_quantity(const std::string& type, const std::string& path) const;
  bool is_open_map(const std::string& type, const std::string& path) const;
  // Whether an object against an object compares whole (a map: tags) or
  // only the keys the desired one states (a block of defaulted fields). The
  // file's `objects: maps` (Terraform, whose nested blocks are lists) or
  // `objects: blocks` (Kubernetes, where only `maps` entries are maps).
  bool is_map(const std::string& type, const std::string& path) const;
  // The most specific matching pattern of the type, else of the defaults, else medium.
  Severity severity(std::string_view type, const std::string& path) const;

  // The rules of `type`, for many checks in a row.
  TypeRuleView for_type(std::string_view type) const;

 private:
  TypeRules m_defaults;
  bool m_objects_are_blocks = false;
  // Found by a type's view without a copy (a transparent hash).
  struct TypeHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view type) const { return std::hash<std::string_view>()(type); }
  };
  std::unordered_map<std::string, TypeRules, TypeHash, std::equal_to<>>
      m_types;  // once per resource compared
};

}  // namespace dharma::drift
