#include "dharma/policy/config.hpp"

#include <filesystem>

#include "dharma/util/text.hpp"
#include "dharma/value/literal.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::policy {

namespace {

PolicySettings read_settings(const yaml::Node& node, const std::string& id, util::Diagnostics& diagnostics) {
  PolicySettings settings;
  yaml::MapReader fields(node, "settings of policy " + util::quoted(id), diagnostics);
  if (!fields.is_map()) {
    return settings;
  }
  fields.allow_only({"enabled", "severity", "enforcement", "parameters"});
  if (fields.node("enabled") != nullptr) {
    settings.enabled = fields.boolean("enabled").value_or(true);
  }
  if (auto severity = fields.string("severity")) {
    settings.severity = parse_severity(*severity);
    if (!settings.severity) {
      fields.error(*node.find("severity"), "unknown severity " + util::quoted(*severity) +
                                               " (expected one of " + util::join(severity_names(), ", ") +
                                               ")");
    }
  }
  if (auto enforcement = fields.string("enforcement")) {
    settings.enforcement = parse_enforcement(*enforcement);
    if (!settings.enforcement) {
      fields.error(*node.find("enforcement"), "unknown enforcement " + util::quoted(*enforcement) +
                                                  " (expected advisory, soft or hard)");
    }
  }
  if (const auto* parameters = fields.mapping("parameters")) {
    for (const auto& [key, value] : parameters->entries) {
      settings.parameters.emplace_back(key->scalar, value::literal_value(*value));
      settings.parameter_locations.emplace_back(key->scalar, key->location());
    }
  }
  return settings;
}

}  // namespace

GuardConfig load_guard_config(const std::string& path, util::Diagnostics& diagnostics) {
  GuardConfig config;
  config.file = path;
  config.document = yaml::load_file(path, diagnostics);
  if (!config.document || config.document->is_null()) {
    return config;
  }
  yaml::MapReader file(*config.document, "a configuration file", diagnostics);
  const yaml::Node* guard = file.mapping("guard");
  if (guard == nullptr) {
    return config;
  }
  yaml::MapReader fields(*guard, "'guard' configuration", diagnostics);
  fields.allow_only({"fail_on", "policy_dirs", "policies"});
  if (auto fail_on = fields.string("fail_on")) {
    config.fail_on = parse_severity(*fail_on);
    if (!config.fail_on) {
      fields.error(*guard->find("fail_on"), "unknown severity " + util::quoted(*fail_on) +
                                                " (expected one of " + util::join(severity_names(), ", ") +
                                                ")");
    }
  }
  const auto base = std::filesystem::path(path).parent_path();
  for (const auto& dir : fields.strings("policy_dirs").value_or(std::vector<std::string>{})) {
    config.policy_dirs.push_back((base / dir).lexically_normal().string());
  }
  if (const auto* policies = fields.mapping("policies")) {
    for (const auto& [key, value] : policies->entries) {
      auto settings = read_settings(*value, key->scalar, diagnostics);
      settings.location = key->location();
      config.policies[key->scalar] = std::move(settings);
    }
  }
  return config;
}

std::vector<std::string> apply_guard_config(const GuardConfig& config, PolicyPack& pack,
                                            util::Diagnostics& diagnostics) {
  std::vector<std::string> disabled;
  const auto ids = pack.ids();
  for (const auto& [id, settings] : config.policies) {
    Policy* policy = pack.find(id);
    if (policy == nullptr) {
      diagnostics.error(settings.location, "unknown policy " + util::quoted(id) +
                                               util::did_you_mean(id, ids) +
                                               " (run 'dharma guard policies list')");
      continue;
    }
    if (settings.enabled && !*settings.enabled) {
      disabled.push_back(id);
    }
    policy->severity = settings.severity.value_or(policy->severity);
    policy->enforcement = settings.enforcement.value_or(policy->enforcement);
    for (std::size_t i = 0; i < settings.parameters.size(); ++i) {
      const auto& [name, value] = settings.parameters[i];
      if (policy->find_parameter(name) == nullptr) {
        std::vector<std::string> known;
        for (const auto& parameter : policy->parameters) {
          known.push_back(parameter.name);
        }
        diagnostics.error(settings.parameter_locations[i].second,
                          "policy " + util::quoted(id) + " has no parameter " + util::quoted(name) +
                              (known.empty() ? std::string(" (it takes none)")
                                             : " (it takes " + util::join(known, ", ") + ")"));
        continue;
      }
      bool replaced = false;
      for (auto& entry : policy->parameter_values) {
        if (entry.first == name) {
          entry.second = value;
          replaced = true;
        }
      }
      if (!replaced) {
        policy->parameter_values.emplace_back(name, value);
      }
    }
  }
  return disabled;
}

}  // namespace dharma::policy
