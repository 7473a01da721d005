// Kubernetes rendering. Each k8s.* resource's mapping lists the objects it
// becomes; their templates are evaluated for data only (nothing in a
// manifest can wait for `terraform apply`), so a reference to another k8s
// resource becomes that object's name, and a reference to a cloud resource
// is an error. Objects are then ordered for `kubectl apply` by kind, with
// ties kept in declaration order, and numbered.

#include "dharma/render/kubernetes_renderer.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "dharma/render/names.hpp"
#include "dharma/render/terraform_scope.hpp"
#include "dharma/util/interrupt.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/writer.hpp"

namespace dharma::render {
namespace {

using value::Value;
using Json = nlohmann::ordered_json;

// References between k8s resources resolve to data through the same exports.
class KubernetesScope : public RenderScope {
 public:
  explicit KubernetesScope(const blueprint::ResolvedBlueprint& blueprint) : m_blueprint(blueprint) {}
  void set_mappings(const catalog::MappingCatalog* mappings) { m_mappings = mappings; }

  Evaluated reference(const value::Reference& reference, const util::SourceLocation& where) const override {
    const auto* target = m_blueprint.find_resource(reference.resource);
    if (target != nullptr && !util::starts_with(target->type, "k8s.") && !target->native) {
      // A cloud attribute the blueprint fixes (a bucket's `name`) is known now.
      TerraformAddresses addresses(m_blueprint, *m_mappings, m_mappings->find_provider(m_blueprint.provider));
      Evaluated value = TerraformScope(addresses, nullptr, "").reference(reference, where);
      if (value.known) {
        return value;
      }
    }
    if (target == nullptr || !util::starts_with(target->type, "k8s.")) {
      throw RenderError{where, "a Kubernetes manifest cannot use ${" + reference.str() +
                                   "}: it is known only after terraform apply; pass it in as a parameter"};
    }
    const auto* mapping = m_mappings->find("kubernetes", target->type);
    for (const auto& [name, value] : mapping ? mapping->exports : decltype(mapping->exports){}) {
      if (name == reference.attribute) {
        ResourceContext context;
        fill_resource_context(context, m_blueprint, target, *this, false);
        if (auto result = evaluate_template(value, context.context)) {
          return *result;
        }
      }
    }
    throw RenderError{where, "'" + reference.str() + "' has no value known before apply"};
  }
  hcl::Expression entry_reference(const std::string& entry, const std::string&,
                                  std::optional<long long>) const override {
    throw RenderError{{}, "ref(" + entry + ") is for Terraform mappings only"};
  }
  hcl::Expression variable_reference(const std::string& name) const override {
    throw RenderError{{}, "var(" + name + ") is for Terraform mappings only"};
  }
  hcl::Expression shared_reference(const std::string& entry, const std::string&) const override {
    throw RenderError{{}, "shared(" + entry + ") is for Terraform mappings only"};
  }

 private:
  const blueprint::ResolvedBlueprint& m_blueprint;
  const catalog::MappingCatalog* m_mappings = nullptr;
};

struct RenderedObject {
  Json object;
  int rank;
  std::size_t sequence;
};

// `number` zero-padded to `width` digits.
std::string numbered(std::size_t number, std::size_t width) {
  std::string text = std::to_string(number);
  text.insert(0, width > text.size() ? width - text.size() : 0, '0');
  return text;
}

// NN-kind-name.yaml (the per-object layout; without NN- when `number` is 0).
std::string object_file_name(const Json& object, std::size_t number, std::size_t width) {
  const std::string name =
      object.contains("metadata") ? object["metadata"].value("name", "object") : "object";
  return (number == 0 ? std::string() : numbered(number, width) + "-") +
         util::to_lower(object.value("kind", "object")) + "-" + dns_label(name) + ".yaml";
}

}  // namespace

int apply_rank(const std::string& kind) {
  static const std::vector<std::vector<std::string>> k_order = {
      {"Namespace", "ResourceQuota", "LimitRange"},
      {"ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"},
      {"ConfigMap", "Secret", "PersistentVolumeClaim"},
      {"Service"},
      {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"},
      {"HorizontalPodAutoscaler"},
      {"Ingress"},
      {"PodDisruptionBudget", "NetworkPolicy"},
  };
  for (std::size_t rank = 0; rank < k_order.size(); ++rank) {
    if (std::find(k_order[rank].begin(), k_order[rank].end(), kind) != k_order[rank].end()) {
      return static_cast<int>(rank);
    }
  }
  return static_cast<int>(k_order.size());
}

Json to_json(const Value& value) {
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
    case Value::Kind::list: {
      Json array = Json::array();
      auto& items = array.get_ref<Json::array_t&>();
      items.reserve(value.as_list().size());
      for (const auto& item : value.as_list()) {
        items.push_back(to_json(item));
      }
      return array;
    }
    case Value::Kind::map: {
      // A Value's map keys are unique already: appended without the
      // ordered map's search for an existing key (linear per insert).
      Json object = Json::object();
      auto& entries = object.get_ref<Json::object_t&>();
      entries.reserve(value.as_map().size());
      for (const auto& [key, item] : value.as_map()) {
        entries.emplace_back(key, to_json(item));
      }
      return object;
    }
    default:
      return value.to_display_string();
  }
}

void render_kubernetes(const blueprint::ResolvedBlueprint& blueprint, const catalog::MappingCatalog& mappings,
                       util::Diagnostics& diagnostics, const FileSink& sink, KubernetesLayout layout) {
  const std::size_t errors_before = diagnostics.error_count();
  KubernetesScope scope(blueprint);
  scope.set_mappings(&mappings);
  std::vector<RenderedObject> objects;
  for (const auto& resource : blueprint.resources) {
    if (!util::starts_with(resource.type, "k8s.")) {
      continue;
    }
    util::throw_if_interrupted();
    const auto* mapping = mappings.find("kubernetes", resource.type);
    const util::SourceLocation where = resource.origin ? resource.origin->location() : util::SourceLocation{};
    if (mapping == nullptr) {
      diagnostics.error(where, "'" + resource.type + "' has no Kubernetes mapping (templates/kubernetes/" +
                                   resource.type + ".yaml)");
      continue;
    }
    if (resource.instance_count() != 1) {
      if (resource.instance_count() != 0) {
        diagnostics.error(where, "k8s.* resources take count 0 or 1; use replicas for more pods");
      }
      continue;
    }
    try {
      ResourceContext context;
      fill_resource_context(context, blueprint, &resource, scope, false);
      for (const auto& manifest : mapping->manifests) {
        if (manifest.when &&
            !is_true(evaluate_template(*manifest.when, context.context), manifest.when->location)) {
          continue;
        }
        MaybeEvaluated object = evaluate_template(manifest.manifest, context.context);
        Json json = to_json(object->data);
        const int rank = apply_rank(json.value("kind", ""));
        objects.push_back({std::move(json), rank, objects.size()});
      }
    } catch (const RenderError& error) {
      diagnostics.error(error.location.has_position() ? error.location : where,
                        error.message + " (resource '" + resource.name + "')");
    }
  }
  if (objects.empty() || diagnostics.error_count() > errors_before) {
    return;
  }
  std::stable_sort(objects.begin(), objects.end(),
                   [](const auto& a, const auto& b) { return a.rank < b.rank; });
  if (layout == KubernetesLayout::stream) {
    for (auto& rendered : objects) {
      sink(object_file_name(rendered.object, 0, 0),
           yaml::to_yaml(rendered.object, yaml::Quoting::conservative));
      rendered.object = Json();  // written: free it
    }
    return;
  }
  Json kustomization = Json::object();
  kustomization["apiVersion"] = "kustomize.config.k8s.io/v1beta1";
  kustomization["kind"] = "Kustomization";
  kustomization["resources"] = Json::array();
  if (layout == KubernetesLayout::per_kind) {
    // Kinds in the order of their first object; objects of one kind in apply
    // order. Keyed by the file's name, so kinds that differ only in case share it.
    std::vector<std::pair<std::string, std::string>> files;  // kind in the file name, documents
    std::map<std::string, std::size_t> file_of_kind;
    for (auto& rendered : objects) {
      const std::string kind = dns_label(util::to_lower(rendered.object.value("kind", "object")));
      const auto [it, added] = file_of_kind.emplace(kind, files.size());
      if (added) {
        files.emplace_back(kind, std::string());
      }
      std::string& documents = files[it->second].second;
      if (!documents.empty()) {
        documents += "---\n";
      }
      documents += yaml::to_yaml(rendered.object, yaml::Quoting::conservative);
      rendered.object = Json();  // written: free it
    }
    const std::size_t width = std::max<std::size_t>(2, std::to_string(files.size()).size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      const std::string file = numbered(i + 1, width) + "-" + files[i].first + ".yaml";
      sink(file, std::move(files[i].second));
      kustomization["resources"].push_back(file);
    }
  } else {
    const std::size_t width = std::max<std::size_t>(2, std::to_string(objects.size()).size());
    for (std::size_t i = 0; i < objects.size(); ++i) {
      const std::string file = object_file_name(objects[i].object, i + 1, width);
      sink(file, yaml::to_yaml(objects[i].object, yaml::Quoting::conservative));
      objects[i].object = Json();  // written: free it
      kustomization["resources"].push_back(file);
    }
  }
  sink("kustomization.yaml", yaml::to_yaml(kustomization, yaml::Quoting::conservative));
}

}  // namespace dharma::render
