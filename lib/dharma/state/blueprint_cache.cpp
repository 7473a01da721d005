#include "dharma/state/blueprint_cache.hpp"

#include <nlohmann/json.hpp>

#include "dharma/cache/cache.hpp"

namespace dharma::state {

std::string blueprint_reference_key(const std::string& tenant, const std::string& project,
                                    const std::string& name, int version) {
  return cache::tenant_key(tenant, "bpref", project + "/" + name + "@" + std::to_string(version));
}

// Content is immutable and addressed by its SHA-256: the same bytes pushed as
// two blueprints (or two versions) share one entry. Source and resolved form
// are stored raw, under separate keys, so a pull never decodes what it does
// not print.
std::string blueprint_source_key(const std::string& tenant, const std::string& content_hash) {
  return cache::tenant_key(tenant, "bpsrc", content_hash);
}

std::string blueprint_resolved_key(const std::string& tenant, const std::string& content_hash) {
  return cache::tenant_key(tenant, "bpres", content_hash);
}

std::string blueprint_list_key(const std::string& tenant, const std::string& project) {
  return cache::tenant_key(tenant, "bplist", project.empty() ? "*all" : project);
}

std::string blueprint_metadata_to_cache(const BlueprintVersion& version) {
  return nlohmann::json{{"project", version.project}, {"name", version.name},
                        {"version", version.version}, {"content_hash", version.content_hash},
                        {"author", version.author},   {"created_at", version.created_at}}
      .dump();
}

std::optional<BlueprintVersion> blueprint_metadata_from_cache(const std::string& value,
                                                              const std::string& project,
                                                              const std::string& name, int version) {
  const auto meta = nlohmann::json::parse(value, nullptr, false);
  try {
    BlueprintVersion found;
    found.project = meta.at("project");
    found.name = meta.at("name");
    found.version = meta.at("version");
    found.content_hash = meta.at("content_hash");
    found.author = meta.at("author");
    found.created_at = meta.at("created_at");
    if (found.project != project || found.name != name || found.version != version) {
      return std::nullopt;
    }
    return found;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::string blueprint_list_to_cache(const std::vector<BlueprintSummary>& summaries) {
  auto json = nlohmann::json::array();
  for (const auto& summary : summaries) {
    json.push_back({{"project", summary.project},
                    {"name", summary.name},
                    {"latest_version", summary.latest_version},
                    {"updated_at", summary.updated_at}});
  }
  return json.dump();
}

std::optional<std::vector<BlueprintSummary>> blueprint_list_from_cache(const std::string& value) {
  const auto json = nlohmann::json::parse(value, nullptr, false);
  if (!json.is_array()) {
    return std::nullopt;
  }
  std::vector<BlueprintSummary> summaries;
  try {
    for (const auto& item : json) {
      summaries.push_back({item.at("project").get<std::string>(), item.at("name").get<std::string>(),
                           item.at("latest_version").get<int>(), item.at("updated_at").get<std::string>()});
    }
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // an unknown shape: a miss
  }
  return summaries;
}

}  // namespace dharma::state
