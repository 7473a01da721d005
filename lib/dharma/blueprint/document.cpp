// Shape checks for a blueprint file, through yaml::MapReader: every key is
// known (with a "did you mean" for typos), every field has the right YAML
// kind, names follow the naming rules. Nothing here needs the catalog or parameter values; those
// come in the resolver's later passes.

#include "dharma/blueprint/document.hpp"

#include <algorithm>
#include <unordered_map>

#include "dharma/util/find.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::blueprint {
namespace {

// `deploy` is read by `dharma deploy` (deploy/deploy_config.hpp), not here.
const std::vector<std::string> k_top_keys{"apiVersion", "kind",         "metadata",  "provider", "region",
                                          "parameters", "environments", "resources", "outputs",  "deploy"};
const std::vector<std::string> k_metadata_keys{"name", "version", "description", "owner", "labels"};
const std::vector<std::string> k_parameter_keys{"type", "default", "allowed",   "min",
                                                "max",  "pattern", "sensitive", "description"};
const std::vector<std::string> k_parameter_types{"string", "integer", "number", "boolean", "list", "map"};
const std::vector<std::string> k_resource_keys{"name", "type",       "properties", "count",
                                               "tags", "depends_on", "guard"};
const std::vector<std::string> k_overlay_keys{"region", "parameters", "resources"};
const std::vector<std::string> k_overlay_resource_keys{"properties", "count", "tags"};
const std::vector<std::string> k_output_keys{"value", "description", "sensitive"};
const std::vector<std::string> k_providers{"aws", "azure", "gcp", "kubernetes"};

bool matches_name(const std::string& text, std::size_t max_length, bool allow_underscore, bool allow_dash) {
  if (text.empty() || text.size() > max_length || text[0] < 'a' || text[0] > 'z') {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (allow_underscore && c == '_') ||
           (allow_dash && c == '-');
  });
}

// Semantic Versioning 2.0.0: MAJOR.MINOR.PATCH, numbers without leading zeros,
// then optional -prerelease and +build of [0-9A-Za-z.-].
bool is_semver(const std::string& text) {
  std::size_t i = 0;
  for (int part = 0; part < 3; ++part) {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
    }
    if (i == start || (i - start > 1 && text[start] == '0')) {
      return false;
    }
    if (part < 2) {
      if (i >= text.size() || text[i] != '.') {
        return false;
      }
      ++i;
    }
  }
  const auto is_ident = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
  };
  for (const char marker : {'-', '+'}) {
    if (i < text.size() && text[i] == marker) {
      const std::size_t start = ++i;
      while (i < text.size() && is_ident(text[i])) {
        ++i;
      }
      if (i == start) {
        return false;
      }
    }
  }
  return i == text.size();
}

class Reader {
 public:
  Reader(util::Diagnostics& diagnostics) : m_diagnostics(diagnostics) {}

  void read_header(yaml::MapReader& blueprint, Document& document) {
    const yaml::Node& root = blueprint.map();
    if (blueprint.node("apiVersion") == nullptr) {
      m_diagnostics.error(root.location(), "missing 'apiVersion: dharma/v1' (is this a dharma blueprint?)");
    } else if (auto api = blueprint.string("apiVersion")) {
      document.api_version = *api;
      if (*api != "dharma/v1") {
        blueprint.error(*blueprint.node("apiVersion"),
                        "unsupported apiVersion " + util::quoted(*api) + " (this dharma reads 'dharma/v1')");
      }
    }
    if (blueprint.node("kind") == nullptr) {
      m_diagnostics.error(root.location(), "missing 'kind: Blueprint'");
    } else if (auto kind = blueprint.string("kind"); kind && *kind != "Blueprint") {
      blueprint.error(*blueprint.node("kind"),
                      "unsupported kind " + util::quoted(*kind) + " (expected 'Blueprint')");
    }
    document.provider_node = blueprint.node("provider");
    if (document.provider_node == nullptr) {
      m_diagnostics.error(root.location(), "missing 'provider' (one of aws, azure, gcp, kubernetes)");
    } else if (auto provider = blueprint.string("provider")) {
      document.provider = *provider;
      if (std::find(k_providers.begin(), k_providers.end(), *provider) == k_providers.end()) {
        blueprint.error(*document.provider_node, "unknown provider " + util::quoted(*provider) +
                                                     util::did_you_mean(*provider, k_providers) +
                                                     "; expected one of aws, azure, gcp, kubernetes");
      }
    }
    document.region = blueprint.string("region") ? blueprint.node("region") : nullptr;
  }

  void read_metadata(yaml::MapReader& blueprint, Document& document) {
    const yaml::Node* metadata = blueprint.node("metadata");
    if (metadata == nullptr) {
      m_diagnostics.error(blueprint.map().location(), "missing 'metadata' with at least a 'name'");
      return;
    }
    yaml::MapReader fields(*metadata, "metadata", m_diagnostics);
    if (!fields.is_map()) {
      return;
    }
    fields.allow_only(k_metadata_keys);
    if (fields.node("name") == nullptr) {
      m_diagnostics.error(metadata->location(), "missing 'metadata.name'");
    } else if (auto name = fields.string("name")) {
      document.name = *name;
      const yaml::Node& where = *fields.node("name");
      if (!matches_name(document.name, 63, false, true)) {
        fields.error(where, "invalid blueprint name " + util::quoted(document.name) +
                                ": use 2-63 lower-case letters, digits and '-', starting with a letter");
      } else if (document.name.size() < 2) {
        fields.error(where,
                     "blueprint name " + util::quoted(document.name) + " is too short (2-63 characters)");
      }
    }
    if (auto version = fields.string("version")) {
      document.version = *version;
      if (!is_semver(document.version)) {
        fields.error(*fields.node("version"), "metadata.version " + util::quoted(document.version) +
                                                  " is not a semantic version such as 1.4.0");
      }
    }
    document.description = fields.string("description").value_or("");
    document.owner = fields.string("owner").value_or("");
    if (fields.node("owner") == nullptr) {
      m_diagnostics.warning(metadata->location(),
                            "metadata.owner is missing; name the owning team so findings and costs reach it");
    }
    if (const yaml::Node* labels = fields.mapping("labels")) {
      document.labels = labels;
      // Label values may be empty (as in Kubernetes), so they are checked here, not as non-empty strings.
      for (const auto& [key, value] : labels->entries) {
        if (!value->is_scalar()) {
          m_diagnostics.error(value->location(), "label " + util::quoted(key->scalar) +
                                                     " must be a string, not " + value->kind_name());
        }
      }
    }
  }

  void read_parameters(yaml::MapReader& blueprint, Document& document) {
    const yaml::Node* parameters = blueprint.mapping("parameters");
    if (parameters == nullptr) {
      return;
    }
    for (const auto& [key, spec] : parameters->entries) {
      ParameterDecl decl;
      decl.name = key->scalar;
      decl.node = key.get();
      if (!matches_name(decl.name, 63, true, false)) {
        m_diagnostics.error(key->location(),
                            "invalid parameter name " + util::quoted(decl.name) +
                                ": use lower-case letters, digits and '_', starting with a letter");
      }
      if (spec->is_null()) {
        m_diagnostics.error(spec->location(),
                            "parameter " + util::quoted(decl.name) + " needs at least a 'type'");
        continue;
      }
      yaml::MapReader fields(*spec, "parameter " + util::quoted(decl.name), m_diagnostics);
      if (!fields.is_map()) {
        continue;
      }
      fields.allow_only(k_parameter_keys);
      if (fields.node("type") == nullptr) {
        decl.type = "string";
      } else if (auto type = fields.string("type")) {
        decl.type = *type;
        if (std::find(k_parameter_types.begin(), k_parameter_types.end(), decl.type) ==
            k_parameter_types.end()) {
          fields.error(*fields.node("type"), "unknown parameter type " + util::quoted(decl.type) +
                                                 util::did_you_mean(decl.type, k_parameter_types) +
                                                 "; use string, integer, number, boolean, list or map");
        }
      }
      decl.description = fields.string("description").value_or("");
      decl.default_value = spec->find("default");
      decl.allowed = spec->find("allowed");
      if (decl.allowed != nullptr) {
        fields.sequence("allowed");
      }
      decl.min = fields.number("min") ? fields.node("min") : nullptr;
      decl.max = fields.number("max") ? fields.node("max") : nullptr;
      decl.pattern = fields.string("pattern").value_or("");
      decl.sensitive = fields.boolean("sensitive").value_or(false);
      document.parameters.push_back(std::move(decl));
    }
  }

  void read_resources(yaml::MapReader& blueprint, Document& document) {
    const yaml::Node* written = blueprint.map().find("resources");
    if (written == nullptr) {
      m_diagnostics.error(blueprint.map().location(),
                          "missing 'resources': a blueprint declares at least one resource");
      return;
    }
    if (written->is_null()) {
      m_diagnostics.error(written->location(), "'resources' is empty: declare at least one resource");
      return;
    }
    const yaml::Node* resources = blueprint.sequence("resources");
    if (resources == nullptr) {
      return;
    }
    // Name -> line of first declaration; a linear search per resource would be quadratic.
    std::unordered_map<std::string, int> declared;
    declared.reserve(resources->items.size());
    // At most one declaration per item: growing by doubling would keep up to
    // half of the vector unused for the rest of the process.
    document.resources.reserve(resources->items.size());
    for (const auto& item : resources->items) {
      const yaml::Node* name = item->is_map() ? item->find("name") : nullptr;
      const bool named = name != nullptr && name->is_scalar() && !name->scalar.empty();
      yaml::MapReader fields(*item, named ? "resource " + util::quoted(name->scalar) : "resource",
                             m_diagnostics);
      if (!fields.is_map()) {
        continue;
      }
      ResourceDecl decl;
      decl.node = item.get();
      fields.allow_only(k_resource_keys);
      decl.name_node = fields.node("name", yaml::Need::required);
      decl.type_node = fields.node("type");
      if (decl.name_node == nullptr) {
        continue;
      }
      decl.name = fields.string("name").value_or("");
      if (named && !matches_name(decl.name, 63, true, false)) {
        fields.error(*decl.name_node,
                     "invalid resource name " + util::quoted(decl.name) +
                         ": use 1-63 lower-case letters, digits and '_', starting with a letter");
      }
      if (const auto [first, added] = declared.emplace(decl.name, decl.name_node->line); !added) {
        fields.error(*decl.name_node, "duplicate resource name " + util::quoted(decl.name) +
                                          " (first declared at line " + std::to_string(first->second) + ")");
        continue;
      }
      if (fields.node("type", yaml::Need::required) != nullptr) {
        decl.type = fields.string("type").value_or("");
      }
      decl.properties = fields.node("properties");
      fields.mapping("properties");
      decl.count = item->find("count");
      decl.tags = fields.node("tags");
      fields.mapping("tags");
      if (const yaml::Node* depends = fields.sequence("depends_on")) {
        for (const auto& dependency : depends->items) {
          if (!dependency->is_scalar()) {
            m_diagnostics.error(dependency->location(),
                                "depends_on entries are resource names, not " + dependency->kind_name());
            continue;
          }
          decl.depends_on.push_back(dependency.get());
        }
      }
      decl.guard = item->find("guard");
      document.resources.push_back(std::move(decl));
    }
  }

  void read_environments(yaml::MapReader& blueprint, Document& document) {
    const yaml::Node* environments = blueprint.mapping("environments");
    if (environments == nullptr) {
      return;
    }
    for (const auto& [key, overlay] : environments->entries) {
      EnvironmentDecl decl;
      decl.name = key->scalar;
      decl.node = key.get();
      if (!matches_name(decl.name, 63, true, true)) {
        m_diagnostics.error(key->location(), "invalid environment name " + util::quoted(decl.name));
      }
      if (overlay->is_null()) {  // an environment that changes nothing
        document.environments.push_back(std::move(decl));
        continue;
      }
      yaml::MapReader fields(*overlay, "environment " + util::quoted(decl.name), m_diagnostics);
      if (!fields.is_map()) {
        document.environments.push_back(std::move(decl));
        continue;
      }
      fields.allow_only(k_overlay_keys);
      decl.region = fields.string("region") ? fields.node("region") : nullptr;
      decl.parameters = fields.mapping("parameters");
      if (const yaml::Node* resources = fields.mapping("resources")) {
        for (const auto& [name, changes] : resources->entries) {
          ResourceOverlay resource;
          resource.name = name->scalar;
          resource.name_node = name.get();
          resource.node = changes.get();
          if (!changes->is_null()) {
            yaml::MapReader overlay_fields(*changes, "overlay of resource " + util::quoted(resource.name),
                                           m_diagnostics);
            if (overlay_fields.is_map()) {
              overlay_fields.allow_only(k_overlay_resource_keys);
              resource.properties = overlay_fields.mapping("properties");
              resource.count = changes->find("count");
              resource.tags = overlay_fields.mapping("tags");
            }
          }
          decl.resources.push_back(resource);
        }
      }
      document.environments.push_back(std::move(decl));
    }
  }

  void read_outputs(yaml::MapReader& blueprint, Document& document) {
    const yaml::Node* outputs = blueprint.mapping("outputs");
    if (outputs == nullptr) {
      return;
    }
    for (const auto& [key, spec] : outputs->entries) {
      OutputDecl decl;
      decl.name = key->scalar;
      decl.node = key.get();
      if (!matches_name(decl.name, 63, true, false)) {
        m_diagnostics.error(key->location(),
                            "invalid output name " + util::quoted(decl.name) +
                                ": use lower-case letters, digits and '_', starting with a letter");
      }
      if (spec->is_null()) {
        m_diagnostics.error(key->location(), "output " + util::quoted(decl.name) +
                                                 " is empty; give it a 'value', e.g. {value: \"${vpc.id}\"}");
        continue;
      }
      yaml::MapReader fields(*spec, "output " + util::quoted(decl.name), m_diagnostics);
      if (!fields.is_map()) {
        continue;
      }
      fields.allow_only(k_output_keys);
      decl.value = spec->find("value");  // `value: ~` is a value: null
      if (decl.value == nullptr) {
        fields.node("value", yaml::Need::required);
        continue;
      }
      decl.description = fields.string("description").value_or("");
      decl.sensitive = fields.boolean("sensitive").value_or(false);
      document.outputs.push_back(std::move(decl));
    }
  }

 private:
  util::Diagnostics& m_diagnostics;
};

}  // namespace

const ParameterDecl* Document::find_parameter(const std::string& parameter) const {
  return util::find_by(parameters, &ParameterDecl::name, parameter);
}

const ResourceDecl* Document::find_resource(const std::string& resource) const {
  return resource_index.find(resources, &ResourceDecl::name, resource);
}

const EnvironmentDecl* Document::find_environment(const std::string& environment) const {
  return util::find_by(environments, &EnvironmentDecl::name, environment);
}

Document read_document(const yaml::NodePtr& root, const std::string& file, util::Diagnostics& diagnostics) {
  Document document;
  document.file = file;
  document.root = root;
  if (!root || root->is_null()) {
    diagnostics.error({file, 1, 1},
                      "file is empty; a blueprint starts with 'apiVersion: dharma/v1' and 'kind: Blueprint'");
    return document;
  }
  yaml::MapReader blueprint(*root, "blueprint", diagnostics);
  if (!blueprint.is_map()) {
    return document;
  }
  blueprint.allow_only(k_top_keys);
  Reader reader(diagnostics);
  reader.read_header(blueprint, document);
  reader.read_metadata(blueprint, document);
  reader.read_parameters(blueprint, document);
  reader.read_resources(blueprint, document);
  reader.read_environments(blueprint, document);
  reader.read_outputs(blueprint, document);
  return document;
}

}  // namespace dharma::blueprint
