#include "dharma/sarif/log.hpp"

#include "dharma/util/uri.hpp"

namespace dharma::sarif {

const char* level_name(Level level) {
  switch (level) {
    case Level::error:
      return "error";
    case Level::warning:
      return "warning";
    case Level::note:
      return "note";
  }
  return "warning";
}

Json driver(const std::string& command, Json rules) {
  Json tool;
  tool["name"] = "dharma-" + command;
  tool["fullName"] = "dharma " + command + " " + DHARMA_VERSION;
  tool["version"] = DHARMA_VERSION;
  tool["semanticVersion"] = DHARMA_VERSION;
  tool["informationUri"] = DHARMA_INFORMATION_URI;
  tool["rules"] = std::move(rules);
  return tool;
}

Json artifact_location(const std::string& file) {
  Json location;
  location["uri"] = util::path_to_uri(file);
  if (!util::is_absolute_path(file)) {
    location["uriBaseId"] = "%SRCROOT%";
  }
  return location;
}

std::size_t Artifacts::index(const std::string& file) {
  const auto [it, inserted] = m_index.emplace(file, m_list.size());
  if (inserted) {
    m_list.push_back({{"location", artifact_location(file)}, {"roles", Json::array({"analysisTarget"})}});
  }
  return it->second;
}

Json location(const std::string& file, std::size_t artifact_index, int line, int column,
              const std::string& name, const std::string& fully_qualified_name) {
  Json physical;
  physical["artifactLocation"] = artifact_location(file);
  physical["artifactLocation"]["index"] = artifact_index;
  if (line > 0) {
    physical["region"] = {{"startLine", line}, {"startColumn", column}};
  }
  Json one;
  one["physicalLocation"] = std::move(physical);
  one["logicalLocations"] =
      Json::array({{{"name", name}, {"fullyQualifiedName", fully_qualified_name}, {"kind", "resource"}}});
  return one;
}

Json result(const std::string& rule_id, std::size_t rule_index, Level level, const std::string& message,
            Json one_location, const std::string& fingerprint_name, const std::string& fingerprint) {
  Json entry;
  entry["ruleId"] = rule_id;
  entry["ruleIndex"] = rule_index;
  entry["level"] = level_name(level);
  entry["message"] = {{"text", message}};
  entry["locations"] = Json::array({std::move(one_location)});
  entry["partialFingerprints"] = {{fingerprint_name, fingerprint}};
  return entry;
}

Json run(Json driver, Json artifacts, Json results) {
  Json one;
  one["tool"] = {{"driver", std::move(driver)}};
  one["artifacts"] = std::move(artifacts);
  one["results"] = std::move(results);
  one["columnKind"] = "unicodeCodePoints";
  return one;
}

std::string log(Json one_run) {
  Json document;
  document["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  document["version"] = "2.1.0";
  document["runs"] = Json::array({std::move(one_run)});
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace dharma::sarif
