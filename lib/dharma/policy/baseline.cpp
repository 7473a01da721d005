#include "dharma/policy/baseline.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "dharma/policy/policy.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"

namespace dharma::policy {

namespace {
constexpr const char* k_format = "dharma-guard-baseline/v1";

std::vector<std::string> sorted_unique(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}
}  // namespace

bool Baseline::contains(const Finding& finding) const {
  return entries.count({finding.blueprint, finding.policy->id, finding.resource, finding.fingerprint}) > 0;
}

std::string baseline_json(const std::vector<std::string>& blueprints, const std::vector<Finding>& findings) {
  std::set<std::tuple<std::string, std::string, std::string, std::string>> entries;
  for (const auto& finding : findings) {
    if (finding.state != FindingState::suppressed) {
      entries.insert({finding.blueprint, finding.policy->id, finding.resource, finding.fingerprint});
    }
  }
  nlohmann::ordered_json document;
  document["format"] = k_format;
  document["blueprints"] = sorted_unique(blueprints);
  auto& list = document["findings"] = nlohmann::ordered_json::array();
  for (const auto& [blueprint, policy, resource, fingerprint] : entries) {
    list.push_back(
        {{"blueprint", blueprint}, {"policy", policy}, {"resource", resource}, {"fingerprint", fingerprint}});
  }
  return document.dump(2) + "\n";
}

Baseline load_baseline(const std::string& path, const std::vector<std::string>& blueprints) {
  const std::string text = util::read_file(path);
  const std::string fix = " (recreate it with --baseline-create " + path + ")";
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw util::Error(path + ": baseline is not valid JSON: " + error.what() + fix);
  }
  auto corrupt = [&](const std::string& what) {
    return util::Error(path + ": corrupt baseline: " + what + fix);
  };
  if (!document.is_object() || !document.contains("format") || document["format"] != k_format) {
    throw corrupt("expected \"format\": \"" + std::string(k_format) + "\"");
  }
  Baseline baseline;
  const auto& names = document.value("blueprints", nlohmann::json());
  if (!names.is_array()) {
    throw corrupt("\"blueprints\" must be a list of blueprint names");
  }
  for (const auto& name : names) {
    if (!name.is_string()) {
      throw corrupt("\"blueprints\" must be a list of blueprint names");
    }
    baseline.blueprints.push_back(name.get<std::string>());
  }
  if (sorted_unique(baseline.blueprints) != sorted_unique(blueprints)) {
    throw util::Error(path + ": baseline was recorded for blueprint(s) " +
                      util::join(sorted_unique(baseline.blueprints), ", ") + ", not " +
                      util::join(sorted_unique(blueprints), ", ") + fix);
  }
  const auto& findings = document.value("findings", nlohmann::json());
  if (!findings.is_array()) {
    throw corrupt("\"findings\" must be a list");
  }
  for (const auto& entry : findings) {
    for (const char* key : {"blueprint", "policy", "resource", "fingerprint"}) {
      if (!entry.is_object() || !entry.contains(key) || !entry[key].is_string()) {
        throw corrupt(std::string("every finding needs a string \"") + key + "\"");
      }
    }
    baseline.entries.insert({entry["blueprint"].get<std::string>(), entry["policy"].get<std::string>(),
                             entry["resource"].get<std::string>(), entry["fingerprint"].get<std::string>()});
  }
  return baseline;
}

void apply_baseline(const Baseline& baseline, std::vector<Finding>& findings) {
  for (auto& finding : findings) {
    if (finding.state == FindingState::open && baseline.contains(finding)) {
      finding.state = FindingState::baselined;
    }
  }
}

}  // namespace dharma::policy
