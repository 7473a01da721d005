#pragma once
// Provider mappings: how each portable type becomes Terraform resources for
// one cloud, or Kubernetes objects (docs/catalog.md, "Provider mappings").
//
//   templates/<provider>/provider.yaml   the Terraform provider: source,
//                                        version, provider block, variables,
//                                        resources shared by every blueprint
//   templates/<provider>/<type>.yaml     one portable type for that provider
//
// A portable type without a file for a provider cannot be expressed there.
// Every file is validated when it loads, with file:line:col errors.

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dharma/catalog/mapping_template.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::preparsed {
struct EmbeddedFile;
}

namespace dharma::catalog {

class Catalog;

// One Terraform resource a mapping emits.
struct TerraformResourceTemplate {
  std::string resource;                  // aws_s3_bucket
  bool data = false;                     // a data source (`data:` instead of `resource:`)
  std::string id;                        // what ref(ID, attr) names; defaults to `resource`
  std::string suffix;                    // label: <resource name>[_<suffix>]
  std::optional<TemplateNode> when;      // emitted only when this is true
  std::optional<TemplateNode> for_each;  // a list: one resource per item (`item`, `index`)
  TemplateNode attributes;               // a map; sequences of maps become nested blocks
  util::SourceLocation location;
};

// One Kubernetes object a mapping emits.
struct ManifestTemplate {
  std::optional<TemplateNode> when;
  TemplateNode manifest;  // apiVersion, kind, metadata, spec...
  util::SourceLocation location;
};

struct ProviderMapping {
  std::string type;      // database.postgres
  std::string provider;  // aws
  std::string description;
  std::string file;
  std::vector<TerraformResourceTemplate> terraform;
  std::vector<ManifestTemplate> manifests;
  std::vector<std::pair<std::string, TemplateNode>> exports;  // portable attribute -> value

  const TerraformResourceTemplate* find_entry(const std::string& id) const;
};

struct TerraformVariable {
  std::string name;
  std::string type;  // a Terraform type constraint
  std::string description;
  std::optional<TemplateNode> default_value;
};

struct ProviderDefinition {
  std::string provider;          // azure
  std::string terraform_name;    // azurerm (the provider's local name)
  std::string source;            // hashicorp/azurerm
  std::string version;           // a version constraint
  std::string required_version;  // Terraform's own version constraint
  TemplateNode provider_block;   // a map, may be empty
  std::vector<TerraformVariable> variables;
  std::vector<TerraformResourceTemplate> shared;  // emitted once when a resource uses shared()
  std::string file;

  const TerraformResourceTemplate* find_shared(const std::string& id) const;
};

class MappingCatalog {
 public:
  // Loads the folder of every provider of catalog::providers() under `templates_dir`.
  // `types` is used to check that mappings read real properties.
  //
  // Every file is read. When the type files (`types`) and these files are
  // exactly the ones the build loaded without a problem
  // (preparsed::is_verified_templates: same places, same bytes), loading
  // them all again could report nothing, so each type's mapping is built on
  // its first use instead (find, mappings_of); `types` must then outlive
  // this catalog. Any other folder is loaded and checked whole, here.
  static MappingCatalog load(const std::filesystem::path& templates_dir, const Catalog* types,
                             util::Diagnostics& diagnostics);

  const ProviderDefinition* find_provider(const std::string& provider) const;
  // The mapping of `type` for `provider`; k8s.* types always map through `kubernetes`.
  const ProviderMapping* find(const std::string& provider, const std::string& type) const;
  // Every mapping of one provider, sorted by type.
  std::vector<const ProviderMapping*> mappings_of(const std::string& provider) const;
  std::vector<std::string> provider_names() const;
  // How many mappings are still to be built on first use.
  std::size_t pending() const;

 private:
  struct Slot {
    ProviderMapping mapping;
    const preparsed::EmbeddedFile* shipped = nullptr;  // set: built on first use from this file
    std::string file;
    std::once_flag built;
    std::atomic<bool> done{false};
  };
  const ProviderMapping& built(Slot& slot) const;

  const Catalog* m_types = nullptr;
  std::map<std::string, ProviderDefinition> m_providers;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Slot>> m_mappings;
};

}  // namespace dharma::catalog
