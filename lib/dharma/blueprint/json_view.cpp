#include "dharma/blueprint/json_view.hpp"

namespace dharma::blueprint {

nlohmann::ordered_json value_to_json(const Value& value, bool reveal) {
  if ((value.sensitive && !reveal) || value.placeholder) {  // a placeholder is never data
    return k_sensitive_mask;
  }
  switch (value.kind()) {
    case Value::Kind::null:
      return nullptr;
    case Value::Kind::boolean:
      return value.as_bool();
    case Value::Kind::integer:
      return value.as_integer();
    case Value::Kind::number:
      return value.as_number();
    case Value::Kind::string:
      return value.as_string();
    case Value::Kind::reference:
    case Value::Kind::interpolation:
      return value.to_display_string();
    case Value::Kind::list: {
      auto out = nlohmann::ordered_json::array();
      for (const auto& item : value.as_list()) {
        out.push_back(value_to_json(item, reveal));
      }
      return out;
    }
    case Value::Kind::map: {
      auto out = nlohmann::ordered_json::object();
      for (const auto& [key, item] : value.as_map()) {
        out[key] = value_to_json(item, reveal);
      }
      return out;
    }
  }
  return nullptr;
}

namespace {

nlohmann::ordered_json map_to_json(const Map& map) {
  auto out = nlohmann::ordered_json::object();
  for (const auto& [key, item] : map) {
    out[key] = value_to_json(item);
  }
  return out;
}

nlohmann::ordered_json resource_json(const ResolvedResource& resource, const std::string& name,
                                     std::optional<long long> index) {
  nlohmann::ordered_json out;
  out["name"] = name;
  out["type"] = resource.type;
  if (index) {
    out["index"] = *index;
  }
  if (!resource.dependencies.empty()) {
    out["depends_on"] = resource.dependencies;
  }
  out["properties"] = map_to_json(resource.properties);
  if (!resource.tags.empty()) {
    out["tags"] = map_to_json(resource.tags);
  }
  if (!resource.guard_skips.empty()) {
    auto skips = nlohmann::ordered_json::array();
    for (const auto& skip : resource.guard_skips) {
      nlohmann::ordered_json entry{{"policy", skip.policy}, {"reason", skip.reason}};
      if (!skip.expires.empty()) {
        entry["expires"] = skip.expires;
      }
      skips.push_back(entry);
    }
    out["guard"] = {{"skip", skips}};
  }
  return out;
}

}  // namespace

nlohmann::ordered_json resolved_to_json(const ResolvedBlueprint& blueprint, bool expand_count) {
  nlohmann::ordered_json out;
  out["apiVersion"] = blueprint.api_version;
  out["kind"] = "ResolvedBlueprint";
  nlohmann::ordered_json metadata;
  metadata["name"] = blueprint.metadata.name;
  if (!blueprint.metadata.version.empty()) {
    metadata["version"] = blueprint.metadata.version;
  }
  if (!blueprint.metadata.description.empty()) {
    metadata["description"] = blueprint.metadata.description;
  }
  if (!blueprint.metadata.owner.empty()) {
    metadata["owner"] = blueprint.metadata.owner;
  }
  if (!blueprint.metadata.labels.empty()) {
    metadata["labels"] = map_to_json(blueprint.metadata.labels);
  }
  out["metadata"] = metadata;
  out["provider"] = blueprint.provider;
  if (!blueprint.region.empty()) {
    out["region"] = blueprint.region;
  }
  out["environment"] = blueprint.environment;
  auto parameters = nlohmann::ordered_json::object();
  for (const auto& parameter : blueprint.parameters) {
    parameters[parameter.name] = value_to_json(parameter.value);
  }
  out["parameters"] = parameters;
  auto resources = nlohmann::ordered_json::array();
  for (const ResolvedResource& resource : blueprint.resources) {
    if (expand_count && resource.count) {
      for (long long i = 0; i < *resource.count; ++i) {
        resources.push_back(resource_json(resource, resource.name + "[" + std::to_string(i) + "]", i));
      }
    } else {
      auto entry = resource_json(resource, resource.name, std::nullopt);
      if (resource.count) {
        entry["count"] = *resource.count;
      }
      resources.push_back(entry);
    }
  }
  out["resources"] = resources;
  if (!blueprint.outputs.empty()) {
    auto outputs = nlohmann::ordered_json::object();
    for (const auto& output : blueprint.outputs) {
      nlohmann::ordered_json entry;
      entry["value"] =
          output.sensitive ? nlohmann::ordered_json(k_sensitive_mask) : value_to_json(output.value);
      if (!output.description.empty()) {
        entry["description"] = output.description;
      }
      outputs[output.name] = entry;
    }
    out["outputs"] = outputs;
  }
  return out;
}

}  // namespace dharma::blueprint
