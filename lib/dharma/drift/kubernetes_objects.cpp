#include "dharma/drift/kubernetes_objects.hpp"

#include <memory>
#include <set>

#include "dharma/util/diagnostics.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::drift {
namespace {

using Json = nlohmann::json;

Json node_to_json(const yaml::Node& node, int depth = 0) {
  if (depth > 200 || node.is_null()) {
    return nullptr;
  }
  if (node.is_scalar()) {
    if (node.plain) {
      if (yaml::is_null_scalar(node)) {
        return nullptr;
      }
      if (auto b = yaml::as_bool(node)) {
        return *b;
      }
      if (auto i = yaml::as_integer(node)) {
        return *i;
      }
      if (auto d = yaml::as_number(node)) {
        return *d;
      }
    }
    return node.scalar;
  }
  if (node.is_sequence()) {
    Json items = Json::array();
    for (const auto& item : node.items) {
      items.push_back(node_to_json(*item, depth + 1));
    }
    return items;
  }
  Json object = Json::object();
  for (const auto& [key, value] : node.entries) {
    object[key->scalar] = node_to_json(*value, depth + 1);
  }
  return object;
}

// What the API server adds or owns, never drift.
void strip_server_fields(Json& object) {
  object.erase("status");
  if (object.contains("metadata") && object["metadata"].is_object()) {
    Json& metadata = object["metadata"];
    for (const char* key :
         {"managedFields", "uid", "resourceVersion", "generation", "creationTimestamp", "selfLink"}) {
      metadata.erase(key);
    }
    if (metadata.contains("annotations") && metadata["annotations"].is_object()) {
      metadata["annotations"].erase("kubectl.kubernetes.io/last-applied-configuration");
      if (metadata["annotations"].empty()) {
        metadata.erase("annotations");
      }
    }
  }
}

[[noreturn]] void refuse(const std::string& source, const std::string& message) {
  throw util::Error(source + ": " + message);
}

// k8s.network_policy renders NetworkPolicy; k8s.hpa HorizontalPodAutoscaler.
bool same_kind(const std::string& type, std::string_view kind) {
  std::string word = util::replace_all(type.substr(type.find('.') + 1), "_", "");
  if (word == "hpa") {
    word = "horizontalpodautoscaler";
  } else if (word == "pdb") {
    word = "poddisruptionbudget";
  }
  return word == util::to_lower(kind);
}

}  // namespace

std::string kubernetes_address(const Json& object) {
  const Json metadata = object.value("metadata", Json::object());
  const std::string kind = object.value("kind", "");
  const std::string name = metadata.is_object() ? metadata.value("name", "") : "";
  const std::string ns = metadata.is_object() ? metadata.value("namespace", "") : "";
  return ns.empty() ? kind + "/" + name : kind + "/" + ns + "/" + name;
}

void read_kubernetes_objects(std::string_view text, const std::string& source, ActualState& state) {
  Json document = Json::parse(text.begin(), text.end(), nullptr, false);
  if (document.is_discarded()) {
    refuse(source,
           "is not valid JSON; give the output of `kubectl get KIND... -o json` (a List or one object)");
  }
  if (!document.is_object() || !document.contains("kind") || !document["kind"].is_string()) {
    refuse(
        source,
        "is not a Kubernetes object or List (no 'kind'); give the output of `kubectl get KIND... -o json`");
  }
  if (document.contains("version") && document.contains("resources") && !document.contains("apiVersion")) {
    refuse(source, "is a Terraform state; pass it with --state");
  }
  state.sources.push_back(source);
  std::vector<Json> objects;
  if (util::ends_with(document["kind"].get<std::string>(), "List") && document.contains("items")) {
    if (!document["items"].is_array()) {
      refuse(source, "'items' of the List must be a list");
    }
    for (auto& item : document["items"]) {
      objects.push_back(std::move(item));
    }
  } else {
    objects.push_back(std::move(document));
  }
  auto arena = std::make_shared<ValueArena>();
  state.arenas.push_back(arena);
  const std::string_view kept_source = arena->copy(source);
  std::size_t position = 0;
  for (auto& object : objects) {
    const std::string where = "item " + std::to_string(position++);
    if (!object.is_object() || !object.contains("kind") || !object["kind"].is_string() ||
        !object.contains("metadata") || !object["metadata"].is_object() ||
        !object["metadata"].contains("name") || !object["metadata"]["name"].is_string()) {
      refuse(source, where + " has no kind or metadata.name; is this `kubectl get -o json` output?");
    }
    ActualResource resource;
    resource.type = arena->intern(object["kind"].get<std::string>());
    resource.name = arena->copy(object["metadata"]["name"].get<std::string>());
    resource.address = arena->copy(kubernetes_address(object));
    resource.source = kept_source;
    strip_server_fields(object);
    resource.attributes = from_json(object, *arena);  // compared as drift's compact values
    if (const ActualResource* first = state.find(resource.address)) {
      refuse(source, "the object " + std::string(resource.address) + " is already in " +
                         std::string(first->source) + "; give each object once");
    }
    state.add(std::move(resource));
  }
}

std::vector<DesiredResource> desired_kubernetes(const std::map<std::string, std::string>& manifests,
                                                const std::vector<KubernetesOwner>& owners) {
  std::vector<DesiredResource> resources;
  std::vector<Json> documents;                    // each resource's manifest, converted at the end
  std::set<std::string, std::less<>> autoscaled;  // Kind/namespace/name of HPA targets
  // The (small) manifests converted into drift's compact values at the edge;
  // the resources' strings are copied here too.
  const auto arena = std::make_shared<ValueArena>();
  for (const auto& [file, text] : manifests) {
    if (file == "kustomization.yaml") {
      continue;
    }
    util::Diagnostics ignored;  // the renderer's own output parses
    const auto node = yaml::load(text, file, ignored);
    if (node == nullptr) {
      continue;
    }
    DesiredResource resource;
    Json attributes = node_to_json(*node);
    if (!attributes.is_object() || !attributes.contains("metadata") || !attributes["metadata"].is_object()) {
      continue;  // not an object manifest
    }
    resource.type = arena->intern(attributes.value("kind", ""));
    resource.name = arena->copy(attributes["metadata"].value("name", ""));
    resource.address = arena->copy(kubernetes_address(attributes));
    for (const auto& owner : owners) {
      if (owner.object_name == resource.name && same_kind(owner.type, resource.type)) {
        resource.blueprint_resource = arena->copy(owner.resource);
        break;
      }
    }
    if (resource.type == "HorizontalPodAutoscaler" && attributes.contains("spec") &&
        attributes["spec"].is_object()) {
      const Json target = attributes["spec"].value("scaleTargetRef", Json::object());
      const std::string ns = attributes["metadata"].value("namespace", "");
      autoscaled.insert(target.value("kind", "") + "/" + (ns.empty() ? "" : ns + "/") +
                        target.value("name", ""));
    }
    resources.push_back(std::move(resource));
    documents.push_back(std::move(attributes));
  }
  for (std::size_t i = 0; i < resources.size(); ++i) {
    DesiredResource& resource = resources[i];
    Json& attributes = documents[i];
    if (autoscaled.count(resource.address) != 0 && attributes.contains("spec") &&
        attributes["spec"].is_object()) {
      attributes["spec"].erase("replicas");
    }
    resource.attributes = from_json(attributes, *arena);
    resource.arena = arena;
  }
  return resources;
}

std::vector<std::string> kubectl_kinds(const std::vector<DesiredResource>& desired) {
  std::set<std::string> kinds;
  for (const auto& resource : desired) {
    kinds.insert(util::to_lower(resource.type));
  }
  return {kinds.begin(), kinds.end()};
}

}  // namespace dharma::drift
