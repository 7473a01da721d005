// Shape checks for a blueprint file: every key is known (with a "did you
// mean" for typos), every field has the right YAML kind, names follow the
// naming rules. Nothing here needs the catalog or parameter values; those
// come in the resolver's later passes.

#include "dharma/blueprint/document.hpp"

#include <algorithm>
#include <unordered_map>

#include "dharma/util/find.hpp"
#include "dharma/util/text.hpp"

namespace dharma::blueprint {
namespace {

// `deploy` is read by `dharma deploy` (deploy/deploy_config.hpp), not here.
const std::vector<std::string> k_top_keys{"apiVersion", "kind",         "metadata",  "provider", "region",
                                          "parameters", "environments", "resources", "outputs", "deploy"};
const std::vector<std::string> k_metadata_keys{"name", "version", "description", "owner", "labels"};
const std::vector<std::string> k_parameter_keys{"type", "default", "allowed", "min",
                                                "max",  "pattern", "sensitive", "description"};
const std::vector<std::string> k_parameter_types{"string", "integer", "number", "boolean", "list", "map"};
const std::vector<std::string> k_resource_keys{"name", "type", "properties", "count", "tags", "depends_on", "guard"};
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

  void check_keys(const yaml::Node& map, const std::vector<std::string>& known, const std::string& where) {
    for (const auto& [key, value] : map.entries) {
      if (std::find(known.begin(), known.end(), key->scalar) == known.end()) {
        m_diagnostics.error(key->location(), "unknown key " + util::quoted(key->scalar) + " in " + where +
                                                 util::did_you_mean(key->scalar, known));
      }
    }
  }

  bool expect_map(const yaml::Node* node, const std::string& what) {
    if (node == nullptr) {
      return false;
    }
    if (node->is_null()) {
      return false;
    }
    if (!node->is_map()) {
      m_diagnostics.error(node->location(), what + " must be a mapping, not " + node->kind_name());
      return false;
    }
    return true;
  }

  bool expect_sequence(const yaml::Node* node, const std::string& what) {
    if (node == nullptr || node->is_null()) {
      return false;
    }
    if (!node->is_sequence()) {
      m_diagnostics.error(node->location(), what + " must be a list, not " + node->kind_name());
      return false;
    }
    return true;
  }

  std::string scalar(const yaml::Node* node, const std::string& what) {
    if (node == nullptr) {
      return "";
    }
    if (!node->is_scalar()) {
      m_diagnostics.error(node->location(), what + " must be a string, not " + node->kind_name());
      return "";
    }
    return node->scalar;
  }

  bool boolean(const yaml::Node* node, const std::string& what) {
    if (node == nullptr) {
      return false;
    }
    if (auto flag = yaml::as_bool(*node)) {
      return *flag;
    }
    m_diagnostics.error(node->location(), what + " must be true or false, not " + node->kind_name());
    return false;
  }

  void read_header(const yaml::Node& root, Document& document) {
    const yaml::Node* api = root.find("apiVersion");
    if (api == nullptr) {
      m_diagnostics.error(root.location(), "missing 'apiVersion: dharma/v1' (is this a dharma blueprint?)");
    } else {
      document.api_version = scalar(api, "'apiVersion'");
      if (api->is_scalar() && document.api_version != "dharma/v1") {
        m_diagnostics.error(api->location(), "unsupported apiVersion " + util::quoted(document.api_version) +
                                                 " (this dharma reads 'dharma/v1')");
      }
    }
    const yaml::Node* kind = root.find("kind");
    if (kind == nullptr) {
      m_diagnostics.error(root.location(), "missing 'kind: Blueprint'");
    } else if (scalar(kind, "'kind'") != "Blueprint" && kind->is_scalar()) {
      m_diagnostics.error(kind->location(), "unsupported kind " + util::quoted(kind->scalar) + " (expected 'Blueprint')");
    }
    const yaml::Node* provider = root.find("provider");
    document.provider_node = provider;
    if (provider == nullptr) {
      m_diagnostics.error(root.location(), "missing 'provider' (one of aws, azure, gcp, kubernetes)");
    } else {
      document.provider = scalar(provider, "'provider'");
      if (provider->is_scalar() &&
          std::find(k_providers.begin(), k_providers.end(), document.provider) == k_providers.end()) {
        m_diagnostics.error(provider->location(), "unknown provider " + util::quoted(document.provider) +
                                                      util::did_you_mean(document.provider, k_providers) +
                                                      "; expected one of aws, azure, gcp, kubernetes");
      }
    }
    document.region = root.find("region");
    if (document.region != nullptr && !document.region->is_scalar()) {
      m_diagnostics.error(document.region->location(), "'region' must be a string, not " + document.region->kind_name());
    }
  }

  void read_metadata(const yaml::Node& root, Document& document) {
    const yaml::Node* metadata = root.find("metadata");
    if (metadata == nullptr) {
      m_diagnostics.error(root.location(), "missing 'metadata' with at least a 'name'");
      return;
    }
    if (!expect_map(metadata, "'metadata'")) {
      return;
    }
    check_keys(*metadata, k_metadata_keys, "metadata");
    const yaml::Node* name = metadata->find("name");
    if (name == nullptr) {
      m_diagnostics.error(metadata->location(), "missing 'metadata.name'");
    } else {
      document.name = scalar(name, "'metadata.name'");
      if (name->is_scalar() && !matches_name(document.name, 63, false, true)) {
        m_diagnostics.error(name->location(), "invalid blueprint name " + util::quoted(document.name) +
                                                  ": use 2-63 lower-case letters, digits and '-', starting with a letter");
      } else if (name->is_scalar() && document.name.size() < 2) {
        m_diagnostics.error(name->location(), "blueprint name " + util::quoted(document.name) + " is too short (2-63 characters)");
      }
    }
    if (const yaml::Node* version = metadata->find("version")) {
      document.version = scalar(version, "'metadata.version'");
      if (version->is_scalar() && !is_semver(document.version)) {
        m_diagnostics.error(version->location(), "metadata.version " + util::quoted(document.version) +
                                                     " is not a semantic version such as 1.4.0");
      }
    }
    document.description = scalar(metadata->find("description"), "'metadata.description'");
    document.owner = scalar(metadata->find("owner"), "'metadata.owner'");
    if (metadata->find("owner") == nullptr) {
      m_diagnostics.warning(metadata->location(),
                            "metadata.owner is missing; name the owning team so findings and costs reach it");
    }
    const yaml::Node* labels = metadata->find("labels");
    if (expect_map(labels, "'metadata.labels'")) {
      document.labels = labels;
      for (const auto& [key, value] : labels->entries) {
        if (!value->is_scalar()) {
          m_diagnostics.error(value->location(), "label " + util::quoted(key->scalar) + " must be a string, not " +
                                                     value->kind_name());
        }
      }
    }
  }

  void read_parameters(const yaml::Node& root, Document& document) {
    const yaml::Node* parameters = root.find("parameters");
    if (!expect_map(parameters, "'parameters'")) {
      return;
    }
    for (const auto& [key, spec] : parameters->entries) {
      ParameterDecl decl;
      decl.name = key->scalar;
      decl.node = key.get();
      if (!matches_name(decl.name, 63, true, false)) {
        m_diagnostics.error(key->location(), "invalid parameter name " + util::quoted(decl.name) +
                                                 ": use lower-case letters, digits and '_', starting with a letter");
      }
      if (!expect_map(spec.get(), "parameter " + util::quoted(decl.name))) {
        if (spec->is_null()) {
          m_diagnostics.error(spec->location(), "parameter " + util::quoted(decl.name) + " needs at least a 'type'");
        }
        continue;
      }
      check_keys(*spec, k_parameter_keys, "parameter " + util::quoted(decl.name));
      decl.type = scalar(spec->find("type"), "'type'");
      if (spec->find("type") == nullptr) {
        decl.type = "string";
      } else if (std::find(k_parameter_types.begin(), k_parameter_types.end(), decl.type) == k_parameter_types.end()) {
        m_diagnostics.error(spec->find("type")->location(), "unknown parameter type " + util::quoted(decl.type) +
                                                                util::did_you_mean(decl.type, k_parameter_types) +
                                                                "; use string, integer, number, boolean, list or map");
      }
      decl.description = scalar(spec->find("description"), "'description'");
      decl.default_value = spec->find("default");
      decl.allowed = spec->find("allowed");
      if (decl.allowed != nullptr) {
        expect_sequence(decl.allowed, "'allowed'");
      }
      decl.min = spec->find("min");
      decl.max = spec->find("max");
      for (const auto* bound : {decl.min, decl.max}) {
        if (bound != nullptr && !yaml::as_number(*bound)) {
          m_diagnostics.error(bound->location(), "min and max must be numbers, not " + bound->kind_name());
        }
      }
      decl.pattern = scalar(spec->find("pattern"), "'pattern'");
      decl.sensitive = boolean(spec->find("sensitive"), "'sensitive'");
      document.parameters.push_back(std::move(decl));
    }
  }

  void read_resources(const yaml::Node& root, Document& document) {
    const yaml::Node* resources = root.find("resources");
    if (resources == nullptr) {
      m_diagnostics.error(root.location(), "missing 'resources': a blueprint declares at least one resource");
      return;
    }
    if (!expect_sequence(resources, "'resources'")) {
      if (resources->is_null()) {
        m_diagnostics.error(resources->location(), "'resources' is empty: declare at least one resource");
      }
      return;
    }
    // Name -> line of first declaration; a linear search per resource would be quadratic.
    std::unordered_map<std::string, int> declared;
    declared.reserve(resources->items.size());
    for (const auto& item : resources->items) {
      if (!expect_map(item.get(), "a resource")) {
        continue;
      }
      ResourceDecl decl;
      decl.node = item.get();
      check_keys(*item, k_resource_keys, "resource");
      decl.name_node = item->find("name");
      decl.type_node = item->find("type");
      if (decl.name_node == nullptr) {
        m_diagnostics.error(item->location(), "resource is missing 'name'");
        continue;
      }
      decl.name = scalar(decl.name_node, "resource 'name'");
      if (decl.name_node->is_scalar() && !matches_name(decl.name, 63, true, false)) {
        m_diagnostics.error(decl.name_node->location(),
                            "invalid resource name " + util::quoted(decl.name) +
                                ": use 1-63 lower-case letters, digits and '_', starting with a letter");
      }
      if (const auto [first, added] = declared.emplace(decl.name, decl.name_node->line); !added) {
        m_diagnostics.error(decl.name_node->location(), "duplicate resource name " + util::quoted(decl.name) +
                                                            " (first declared at line " +
                                                            std::to_string(first->second) + ")");
        continue;
      }
      if (decl.type_node == nullptr) {
        m_diagnostics.error(item->location(), "resource " + util::quoted(decl.name) + " is missing 'type'");
      } else {
        decl.type = scalar(decl.type_node, "resource 'type'");
      }
      decl.properties = item->find("properties");
      if (decl.properties != nullptr && !decl.properties->is_null()) {
        expect_map(decl.properties, "'properties'");
      }
      decl.count = item->find("count");
      decl.tags = item->find("tags");
      if (decl.tags != nullptr && !decl.tags->is_null()) {
        expect_map(decl.tags, "'tags'");
      }
      if (const yaml::Node* depends = item->find("depends_on"); expect_sequence(depends, "'depends_on'")) {
        for (const auto& dependency : depends->items) {
          if (!dependency->is_scalar()) {
            m_diagnostics.error(dependency->location(), "depends_on entries are resource names, not " +
                                                            dependency->kind_name());
            continue;
          }
          decl.depends_on.push_back(dependency.get());
        }
      }
      decl.guard = item->find("guard");
      document.resources.push_back(std::move(decl));
    }
  }

  void read_environments(const yaml::Node& root, Document& document) {
    const yaml::Node* environments = root.find("environments");
    if (!expect_map(environments, "'environments'")) {
      return;
    }
    for (const auto& [key, overlay] : environments->entries) {
      EnvironmentDecl decl;
      decl.name = key->scalar;
      decl.node = key.get();
      if (!matches_name(decl.name, 63, true, true)) {
        m_diagnostics.error(key->location(), "invalid environment name " + util::quoted(decl.name));
      }
      if (!expect_map(overlay.get(), "environment " + util::quoted(decl.name))) {
        document.environments.push_back(std::move(decl));
        continue;
      }
      check_keys(*overlay, k_overlay_keys, "environment " + util::quoted(decl.name));
      decl.region = overlay->find("region");
      if (decl.region != nullptr && !decl.region->is_scalar()) {
        m_diagnostics.error(decl.region->location(), "'region' must be a string");
        decl.region = nullptr;
      }
      decl.parameters = overlay->find("parameters");
      if (!expect_map(decl.parameters, "'parameters' of environment " + util::quoted(decl.name))) {
        decl.parameters = nullptr;
      }
      const yaml::Node* resources = overlay->find("resources");
      if (expect_map(resources, "'resources' of environment " + util::quoted(decl.name))) {
        for (const auto& [name, changes] : resources->entries) {
          ResourceOverlay resource;
          resource.name = name->scalar;
          resource.name_node = name.get();
          resource.node = changes.get();
          if (expect_map(changes.get(), "overlay of " + util::quoted(resource.name))) {
            check_keys(*changes, k_overlay_resource_keys, "overlay of resource " + util::quoted(resource.name));
            resource.properties = changes->find("properties");
            if (!expect_map(resource.properties, "'properties'")) {
              resource.properties = nullptr;
            }
            resource.count = changes->find("count");
            resource.tags = changes->find("tags");
            if (!expect_map(resource.tags, "'tags'")) {
              resource.tags = nullptr;
            }
          }
          decl.resources.push_back(resource);
        }
      }
      document.environments.push_back(std::move(decl));
    }
  }

  void read_outputs(const yaml::Node& root, Document& document) {
    const yaml::Node* outputs = root.find("outputs");
    if (!expect_map(outputs, "'outputs'")) {
      return;
    }
    for (const auto& [key, spec] : outputs->entries) {
      OutputDecl decl;
      decl.name = key->scalar;
      decl.node = key.get();
      if (!matches_name(decl.name, 63, true, false)) {
        m_diagnostics.error(key->location(), "invalid output name " + util::quoted(decl.name) +
                                                 ": use lower-case letters, digits and '_', starting with a letter");
      }
      if (!expect_map(spec.get(), "output " + util::quoted(decl.name))) {
        if (spec->is_null()) {
          m_diagnostics.error(key->location(), "output " + util::quoted(decl.name) +
                                                   " is empty; give it a 'value', e.g. {value: \"${vpc.id}\"}");
        }
        continue;
      }
      check_keys(*spec, k_output_keys, "output " + util::quoted(decl.name));
      decl.value = spec->find("value");
      if (decl.value == nullptr) {
        m_diagnostics.error(spec->location(), "output " + util::quoted(decl.name) + " is missing 'value'");
        continue;
      }
      decl.description = scalar(spec->find("description"), "'description'");
      decl.sensitive = boolean(spec->find("sensitive"), "'sensitive'");
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
    diagnostics.error({file, 1, 1}, "file is empty; a blueprint starts with 'apiVersion: dharma/v1' and 'kind: Blueprint'");
    return document;
  }
  if (!root->is_map()) {
    diagnostics.error(root->location(), "a blueprint must be a YAML mapping, not " + root->kind_name());
    return document;
  }
  Reader reader(diagnostics);
  reader.check_keys(*root, k_top_keys, "blueprint");
  reader.read_header(*root, document);
  reader.read_metadata(*root, document);
  reader.read_parameters(*root, document);
  reader.read_resources(*root, document);
  reader.read_environments(*root, document);
  reader.read_outputs(*root, document);
  return document;
}

}  // namespace dharma::blueprint
