#include "dharma/drift/rules.hpp"

#include <algorithm>

#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::drift {
namespace {

const std::vector<std::string> k_severities = {"low", "medium", "high", "critical"};

// A pattern names a path and everything below it: `ingress` covers `ingress.cidr_blocks`.
bool covers(const std::string& pattern, const std::string& path) {
  return util::glob_match(pattern, path) || util::starts_with(path, pattern + ".");
}

void read_list(yaml::MapReader& reader, std::string_view key, std::set<std::string>& into) {
  if (auto names = reader.strings(key)) {
    into.insert(names->begin(), names->end());
  }
}

TypeRules read_type(const yaml::Node& node, const std::string& what, util::Diagnostics& diagnostics) {
  TypeRules rules;
  yaml::MapReader reader(node, what, diagnostics);
  reader.allow_only({"computed", "sets", "json", "quantities", "open_maps", "maps", "severity"});
  read_list(reader, "computed", rules.computed);
  read_list(reader, "sets", rules.sets);
  read_list(reader, "json", rules.json);
  read_list(reader, "quantities", rules.quantities);
  read_list(reader, "open_maps", rules.open_maps);
  read_list(reader, "maps", rules.maps);
  if (const auto* severity = reader.mapping("severity")) {
    yaml::MapReader levels(*severity, "severity of " + what, diagnostics);
    for (const auto& [key, value] : severity->entries) {
      if (auto level = levels.choice(key->scalar, k_severities)) {
        const auto index = static_cast<std::size_t>(
            std::find(k_severities.begin(), k_severities.end(), *level) - k_severities.begin());
        rules.severity.emplace_back(key->scalar, static_cast<Severity>(index));
      }
    }
  }
  return rules;
}

std::optional<Severity> match_severity(const TypeRules& rules, const std::string& path) {
  std::optional<Severity> found;
  std::size_t best = 0;
  for (const auto& [pattern, severity] : rules.severity) {
    if (covers(pattern, path) && (!found || pattern.size() > best)) {
      found = severity;
      best = pattern.size();
    }
  }
  return found;
}

// Adds the paths of `from`'s sets to `to.flags`.
void add_flags(TypeRules& to, const TypeRules& from) {
  const std::pair<const std::set<std::string> TypeRules::*, RuleFlag> sets[] = {
      {&TypeRules::computed, k_computed},   {&TypeRules::sets, k_set},           {&TypeRules::json, k_json},
      {&TypeRules::quantities, k_quantity}, {&TypeRules::open_maps, k_open_map}, {&TypeRules::maps, k_map}};
  for (const auto& [member, flag] : sets) {
    for (const auto& path : from.*member) {
      to.flags[path] |= flag;
      if (!path.empty()) {
        const auto first = static_cast<unsigned char>(path[0]);
        to.first_bytes[first >> 6U] |= std::uint64_t{1} << (first & 63U);
      }
      to.lengths |= std::uint64_t{1} << std::min<std::size_t>(path.size(), 63);
    }
  }
}

}  // namespace

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::low:
      return "low";
    case Severity::medium:
      return "medium";
    case Severity::high:
      return "high";
    case Severity::critical:
      return "critical";
  }
  return "medium";
}

DriftRules DriftRules::load(const std::filesystem::path& file, util::Diagnostics& diagnostics) {
  DriftRules rules;
  const auto root = yaml::load_file(file.string(), diagnostics);
  if (root == nullptr) {
    return rules;
  }
  yaml::MapReader reader(*root, "drift rules", diagnostics);
  reader.allow_only({"objects", "defaults", "types"});
  rules.m_objects_are_blocks = reader.choice("objects", {"maps", "blocks"}).value_or("maps") == "blocks";
  if (const auto* defaults = reader.mapping("defaults")) {
    rules.m_defaults = read_type(*defaults, "drift defaults", diagnostics);
  }
  if (const auto* types = reader.mapping("types")) {
    for (const auto& [key, value] : types->entries) {
      rules.m_types[key->scalar] = read_type(*value, "drift rules of '" + key->scalar + "'", diagnostics);
    }
  }
  add_flags(rules.m_defaults, rules.m_defaults);
  for (auto& [name, type] : rules.m_types) {
    add_flags(type, rules.m_defaults);
    add_flags(type, type);
  }
  return rules;
}

TypeRuleView DriftRules::for_type(std::string_view type) const {
  const auto it = m_types.find(type);
  return TypeRuleView(m_defaults, it == m_types.end() ? nullptr : &it->second, m_objects_are_blocks);
}

bool DriftRules::is_computed(const std::string& type, const std::string& path) const {
  return for_type(type).is_computed(path);
}
bool DriftRules::is_set(const std::string& type, const std::string& path) const {
  return for_type(type).is_set(path);
}
bool DriftRules::is_json(const std::string& type, const std::string& path) const {
  return for_type(type).is_json(path);
}
bool DriftRules::is_quantity(const std::string& type, const std::string& path) const {
  return for_type(type).is_quantity(path);
}
bool DriftRules::is_open_map(const std::string& type, const std::string& path) const {
  return for_type(type).is_open_map(path);
}
bool DriftRules::is_map(const std::string& type, const std::string& path) const {
  return for_type(type).is_map(path);
}

Severity TypeRuleView::severity(const std::string& path) const {
  if (m_type != nullptr) {
    if (auto found = match_severity(*m_type, path)) {
      return *found;
    }
  }
  return match_severity(*m_defaults, path).value_or(Severity::medium);
}

Severity DriftRules::severity(std::string_view type, const std::string& path) const {
  return for_type(type).severity(path);
}

}  // namespace dharma::drift
