// Reads back the renderer's Terraform JSON: {"resource": {TYPE: {LABEL:
// {attributes}}}}. A label belongs to the blueprint resource whose
// Terraform name is its longest prefix (`web` renders aws_launch_template.web
// and aws_autoscaling_group.web; `db` renders aws_db_instance.db and
// aws_db_subnet_group.db); labels no resource owns are the provider's shared
// resources (azurerm_resource_group.main).

#include "dharma/drift/desired_state.hpp"

#include "dharma/render/names.hpp"
#include "dharma/util/text.hpp"

namespace dharma::drift {
namespace {

using Json = nlohmann::json;

const char* const k_meta_arguments[] = {"count", "for_each", "depends_on", "lifecycle", "provider", "provisioner",
                                        "connection"};

std::string owner_of(const std::string& label, const std::vector<std::pair<std::string, std::string>>& owners) {
  std::string best;
  std::size_t best_length = 0;
  for (const auto& [identifier, name] : owners) {
    if ((label == identifier || util::starts_with(label, identifier + "_")) && identifier.size() > best_length) {
      best = name;
      best_length = identifier.size();
    }
  }
  return best;
}

}  // namespace

std::vector<DesiredResource> desired_resources(const nlohmann::ordered_json& main_tf_json,
                                               const std::vector<std::string>& owners) {
  std::vector<std::pair<std::string, std::string>> identifiers;
  for (const auto& name : owners) {
    identifiers.emplace_back(render::terraform_identifier(name), name);
  }
  std::vector<DesiredResource> resources;
  if (!main_tf_json.is_object() || !main_tf_json.contains("resource")) {
    return resources;
  }
  for (const auto& [type, labels] : main_tf_json["resource"].items()) {
    for (const auto& [label, body] : labels.items()) {
      DesiredResource resource;
      resource.type = type;
      resource.name = label;
      resource.blueprint_resource = owner_of(label, identifiers);
      resource.attributes = body.is_object() ? Json(body) : Json::object();
      Json count;
      if (resource.attributes.contains("count")) {
        count = resource.attributes["count"];
      }
      for (const char* meta : k_meta_arguments) {
        resource.attributes.erase(meta);
      }
      if (count.is_null()) {
        resource.address = resource.base_address();
        resources.push_back(std::move(resource));
      } else if (count.is_number_integer()) {
        for (long long i = 0; i < count.get<long long>(); ++i) {
          DesiredResource instance = resource;
          instance.index = i;
          instance.address = resource.base_address() + "[" + std::to_string(i) + "]";
          resources.push_back(std::move(instance));
        }
      } else {
        resource.any_index = true;
        resource.address = resource.base_address() + "[*]";
        resources.push_back(std::move(resource));
      }
    }
  }
  return resources;
}

Json variable_defaults(const Json& variables_tf_json) {
  Json defaults = Json::object();
  if (variables_tf_json.is_object() && variables_tf_json.contains("variable")) {
    for (const auto& [name, body] : variables_tf_json["variable"].items()) {
      if (body.is_object() && body.contains("default") && !body["default"].is_null()) {
        defaults[name] = body["default"];
      }
    }
  }
  return defaults;
}

}  // namespace dharma::drift
