#include "dharma/state/tenant_import_check.hpp"

#include <map>
#include <optional>
#include <set>

#include "dharma/state/checksum.hpp"
#include "dharma/state/names.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::state {
namespace {

using Json = nlohmann::json;

std::string row_name(const char* table, std::size_t index) {
  return std::string(table) + "[" + std::to_string(index) + "]";
}

const Json& rows(const Json& document, const char* table) {
  static const Json k_none = Json::array();
  return document.contains(table) ? document.at(table) : k_none;
}

std::string string_field(const Json& row, const char* key) {
  return row.is_object() && row.contains(key) && row.at(key).is_string() ? row.at(key).get<std::string>()
                                                                         : "";
}

std::optional<long long> integer_field(const Json& row, const char* key) {
  if (!row.is_object() || !row.contains(key) || !row.at(key).is_number_integer()) {
    return std::nullopt;
  }
  return row.at(key).get<long long>();
}

// A name check from names.hpp as a problem sentence instead of an exception.
template <typename Check>
void check_name(Check check, const std::string& name, const std::string& what,
                std::vector<std::string>& problems) {
  try {
    check(name, what);
  } catch (const util::Error& error) {
    problems.emplace_back(error.what());
  }
}

void check_ids(const Json& document, const char* table, std::vector<std::string>& problems) {
  std::set<std::string> seen;
  const Json& list = rows(document, table);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string id = string_field(list[i], "id");
    if (id.empty()) {
      problems.push_back(row_name(table, i) + " has no id");
    } else if (!seen.insert(id).second) {
      problems.push_back(row_name(table, i) + " repeats id " + id + " (only the first would be imported)");
    }
  }
}

struct BlueprintRow {
  std::string name;
  long long latest_version = -1;
  std::set<long long> versions;
};

void check_versions(const Json& document, std::vector<std::string>& problems) {
  std::map<std::string, BlueprintRow> blueprints;
  const Json& blueprint_rows = rows(document, "blueprints");
  for (const auto& row : blueprint_rows) {
    auto& blueprint = blueprints[string_field(row, "id")];
    blueprint.name = string_field(row, "name");
    blueprint.latest_version = integer_field(row, "latest_version").value_or(-1);
  }
  const Json& version_rows = rows(document, "blueprint_versions");
  for (std::size_t i = 0; i < version_rows.size(); ++i) {
    const Json& row = version_rows[i];
    const auto found = blueprints.find(string_field(row, "blueprint_id"));
    const auto version = integer_field(row, "version");
    const std::string where =
        row_name("blueprint_versions", i) +
        (found != blueprints.end()
             ? " (" + found->second.name + " version " + (version ? std::to_string(*version) : "?") + ")"
             : "");
    if (found == blueprints.end()) {
      problems.push_back(where + " belongs to no blueprint in the document");
    }
    if (!version || *version < 1 || *version > k_max_store_integer) {
      problems.push_back(where + ": the version must be a whole number from 1 to " +
                         std::to_string(k_max_store_integer));
    } else if (found != blueprints.end() && !found->second.versions.insert(*version).second) {
      problems.push_back(where + ": version " + std::to_string(*version) + " appears twice");
    }
    if (!row.contains("source_yaml") || !row.at("source_yaml").is_string()) {
      problems.push_back(where + " has no source_yaml");
      continue;
    }
    const std::string& source = row.at("source_yaml").get_ref<const std::string&>();
    const std::string hash = string_field(row, "content_hash");
    if (sha256_hex(source) != hash) {
      problems.push_back(where + ": the source does not match its content_hash " + util::quoted(hash));
    }
    const auto size = integer_field(row, "size_bytes");
    if (!size || *size != static_cast<long long>(source.size())) {
      problems.push_back(where + ": size_bytes is not the size of the source (" +
                         std::to_string(source.size()) + " bytes)");
    }
  }
  for (const auto& [id, blueprint] : blueprints) {
    const auto count = static_cast<long long>(blueprint.versions.size());
    // Versions are numbered 1, 2, ... N with no gap; a set of N distinct
    // numbers from 1 has no gap exactly when its largest is N.
    const long long last = blueprint.versions.empty() ? 0 : *blueprint.versions.rbegin();
    if (last != count) {
      problems.push_back("blueprint " + util::quoted(blueprint.name) + " has versions with gaps (" +
                         std::to_string(count) + " version(s), the highest is " + std::to_string(last) +
                         "); versions are numbered 1, 2, 3... without gaps");
    }
    if (blueprint.latest_version != last) {
      problems.push_back("blueprint " + util::quoted(blueprint.name) + " says its latest_version is " +
                         std::to_string(blueprint.latest_version) + ", but its highest version is " +
                         std::to_string(last));
    }
  }
}

}  // namespace

std::vector<std::string> tenant_export_problems(const nlohmann::json& document) {
  std::vector<std::string> problems;
  check_name(check_tenant_slug, string_field(document.at("tenant"), "slug"), "tenant.slug", problems);
  check_name(check_tenant_name, string_field(document.at("tenant"), "name"), "tenant.name", problems);
  for (const char* table : {"projects", "environments", "users", "blueprints", "blueprint_versions"}) {
    check_ids(document, table, problems);
  }
  for (const char* table : {"projects", "environments", "blueprints"}) {
    const Json& list = rows(document, table);
    for (std::size_t i = 0; i < list.size(); ++i) {
      check_name(check_store_name, string_field(list[i], "name"), row_name(table, i) + ".name", problems);
    }
  }
  check_versions(document, problems);
  return problems;
}

}  // namespace dharma::state
