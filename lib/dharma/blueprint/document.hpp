#pragma once
// The blueprint as written: the declarations of BLUEPRINT.md read from the
// YAML tree, checked for shape (known keys, right kinds, valid names) but not
// yet resolved. Values stay YAML nodes so later passes can report positions.

#include <string>
#include <vector>

#include "dharma/util/diagnostics.hpp"
#include "dharma/util/find.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::blueprint {

struct ParameterDecl {
  std::string name;
  std::string type;  // string, integer, number, boolean, list, map
  std::string description;
  const yaml::Node* default_value = nullptr;
  const yaml::Node* allowed = nullptr;  // a sequence
  const yaml::Node* min = nullptr;
  const yaml::Node* max = nullptr;
  std::string pattern;
  bool sensitive = false;
  const yaml::Node* node = nullptr;
};

struct ResourceDecl {
  std::string name;
  std::string type;
  const yaml::Node* properties = nullptr;  // a mapping or nullptr
  const yaml::Node* count = nullptr;
  const yaml::Node* tags = nullptr;
  std::vector<const yaml::Node*> depends_on;  // scalar nodes
  const yaml::Node* guard = nullptr;
  const yaml::Node* node = nullptr;
  const yaml::Node* name_node = nullptr;
  const yaml::Node* type_node = nullptr;
};

struct ResourceOverlay {
  std::string name;
  const yaml::Node* properties = nullptr;
  const yaml::Node* count = nullptr;
  const yaml::Node* tags = nullptr;
  const yaml::Node* node = nullptr;
  const yaml::Node* name_node = nullptr;
};

struct EnvironmentDecl {
  std::string name;
  const yaml::Node* region = nullptr;
  const yaml::Node* parameters = nullptr;  // a mapping
  std::vector<ResourceOverlay> resources;
  const yaml::Node* node = nullptr;
};

struct OutputDecl {
  std::string name;
  const yaml::Node* value = nullptr;
  std::string description;
  bool sensitive = false;
  const yaml::Node* node = nullptr;
};

struct Document {
  std::string file;
  yaml::NodePtr root;
  std::string api_version;
  std::string name;
  std::string version;
  std::string description;
  std::string owner;
  const yaml::Node* labels = nullptr;
  std::string provider;
  const yaml::Node* provider_node = nullptr;
  const yaml::Node* region = nullptr;
  std::vector<ParameterDecl> parameters;
  std::vector<EnvironmentDecl> environments;
  std::vector<ResourceDecl> resources;
  std::vector<OutputDecl> outputs;

  const ParameterDecl* find_parameter(const std::string& parameter) const;
  const ResourceDecl* find_resource(const std::string& resource) const;
  util::NameIndex resource_index;  // for find_resource
  const EnvironmentDecl* find_environment(const std::string& environment) const;
};

// Reads the declarations from a parsed YAML tree. Shape errors go to
// `diagnostics`; the document is usable as far as it could be read.
Document read_document(const yaml::NodePtr& root, const std::string& file, util::Diagnostics& diagnostics);

}  // namespace dharma::blueprint
