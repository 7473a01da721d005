#pragma once
// Terraform addresses of everything a blueprint renders to: which Terraform
// resources (type and label) each blueprint resource became, and how a
// `${resource.attribute}` reference is written (aws_vpc.vpc.id,
// aws_instance.web[0].id, aws_instance.web[*].id).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/render/mapping_evaluator.hpp"

namespace dharma::render {

class TerraformAddresses {
 public:
  TerraformAddresses(const blueprint::ResolvedBlueprint& blueprint, const catalog::MappingCatalog& mappings,
                     const catalog::ProviderDefinition* provider);

  // The mapping of a portable resource, nullptr for native and unmapped types.
  const catalog::ProviderMapping* mapping_of(const blueprint::ResolvedResource& resource) const;
  // The label of one entry of a resource's mapping: name[_suffix].
  static std::string label(const blueprint::ResolvedResource& resource,
                           const catalog::TerraformResourceTemplate& entry);
  // The address of the resource's first Terraform resource, for depends_on.
  std::string primary_address(const blueprint::ResolvedResource& resource) const;
  // Shared provider resources some template referred to, by id.
  const std::set<std::string>& used_shared() const { return m_used_shared; }
  void mark_shared(const std::string& id) const { m_used_shared.insert(id); }
  // Provider variables some template referred to with var().
  const std::set<std::string>& used_variables() const { return m_used_variables; }
  void mark_variable(const std::string& name) const { m_used_variables.insert(name); }
  const catalog::ProviderDefinition* provider() const { return m_provider; }
  const blueprint::ResolvedBlueprint& blueprint() const { return m_blueprint; }
  const catalog::MappingCatalog& mappings() const { return m_mappings; }
  // How each `${resource.attribute}` written so far was rendered, by
  // Reference::str(): the answer depends only on the reference, so the
  // target's context is built once instead of once per reference to it.
  std::unordered_map<std::string, Evaluated>& rendered_references() const { return m_rendered_references; }
  // The `tags` of Terraform resources without tags of their own (fill_resource_context's `untagged`).
  std::optional<Evaluated>& untagged_tags() const { return m_untagged_tags; }

 private:
  const blueprint::ResolvedBlueprint& m_blueprint;
  const catalog::MappingCatalog& m_mappings;
  const catalog::ProviderDefinition* m_provider;
  mutable std::set<std::string> m_used_shared;
  mutable std::set<std::string> m_used_variables;
  mutable std::unordered_map<std::string, Evaluated> m_rendered_references;
  // mapping_of's answers by resource: the catalog's find compares type names
  // and runs several times per resource (ref(), references, addresses).
  mutable std::unordered_map<const blueprint::ResolvedResource*, const catalog::ProviderMapping*>
      m_mappings_by_resource;
  mutable std::optional<Evaluated> m_untagged_tags;
};

// The scope templates of one resource see. `selector` is how the resource's
// own instances are addressed: "" (no count), "[count.index]" inside itself,
// "[0]" or "[*]" when another resource refers to it.
class TerraformScope : public RenderScope {
 public:
  TerraformScope(const TerraformAddresses& addresses, const blueprint::ResolvedResource* resource,
                 std::string selector);

  Evaluated reference(const value::Reference& reference, const util::SourceLocation& where) const override;
  hcl::Expression entry_reference(const std::string& entry, const std::string& attribute,
                                  std::optional<long long> index) const override;
  hcl::Expression variable_reference(const std::string& name) const override;
  hcl::Expression shared_reference(const std::string& entry, const std::string& attribute) const override;

 private:
  const TerraformAddresses& m_addresses;
  const blueprint::ResolvedResource* m_resource;
  std::string m_selector;
};

// The context for templates of `resource` (tags, labels and scope filled in).
struct ResourceContext {
  ResourceContext() = default;
  ResourceContext(const ResourceContext&) = delete;  // `context` points into it
  ResourceContext& operator=(const ResourceContext&) = delete;
  Evaluated tags;
  // Built on first use by resource_labels(): only some mappings (GCP,
  // Kubernetes) read `labels`, and building them cost a pass over the tags
  // for every resource. They are made from the evaluated tags, which already
  // raised any error a tag's value can raise.
  mutable std::optional<Evaluated> labels;
  TemplateContext context;
};
// The blueprint's labels with a resource's tags over them (a tag replaces a
// label of its key and comes after the labels, in its order), then
// managed_by = dharma: what `tags` is in a mapping. Linear in both sizes.
value::Map merged_tags(const value::Map& labels, const value::Map* tags);

// `untagged`, when given, holds the evaluated `tags` of a resource without
// tags of its own (the blueprint's labels and managed_by: the same for every
// such resource): made for the first one and pointed at by the others.
void fill_resource_context(ResourceContext& out, const blueprint::ResolvedBlueprint& blueprint,
                           const blueprint::ResolvedResource* resource, const RenderScope& scope,
                           bool terraform, std::optional<Evaluated>* untagged = nullptr);
// The resource's labels: Kubernetes recommended labels, or for clouds whose
// labels are restricted (GCP) the tags with keys and values made lower-case and safe.
const Evaluated& resource_labels(const ResourceContext& context);

}  // namespace dharma::render
