#include "dharma/render/terraform_scope.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "dharma/catalog/catalog.hpp"
#include "dharma/render/names.hpp"
#include "dharma/util/text.hpp"

namespace dharma::render {
namespace {

using value::Value;

std::string selector_of(const value::Reference& reference, const blueprint::ResolvedResource& target,
                        const util::SourceLocation& where) {
  if (reference.splat) {
    return "[*]";
  }
  if (reference.index) {
    return "[" + std::to_string(*reference.index) + "]";
  }
  if (target.count_value.is_null() && !target.count) {
    return "";
  }
  throw RenderError{where, "'" + target.name + "' has count: refer to one instance (${" + target.name +
                               "[0]." + reference.attribute + "}) or to all of them (${" + target.name +
                               "[*]." + reference.attribute + "})"};
}

}  // namespace

TerraformAddresses::TerraformAddresses(const blueprint::ResolvedBlueprint& blueprint,
                                       const catalog::MappingCatalog& mappings,
                                       const catalog::ProviderDefinition* provider)
    : m_blueprint(blueprint), m_mappings(mappings), m_provider(provider) {}

const catalog::ProviderMapping* TerraformAddresses::mapping_of(
    const blueprint::ResolvedResource& resource) const {
  if (resource.native) {
    return nullptr;
  }
  const auto [found, added] = m_mappings_by_resource.try_emplace(&resource, nullptr);
  if (added) {
    found->second = m_mappings.find(m_blueprint.provider, resource.type);
  }
  return found->second;
}

std::string TerraformAddresses::label(const blueprint::ResolvedResource& resource,
                                      const catalog::TerraformResourceTemplate& entry) {
  return terraform_identifier(entry.suffix.empty() ? resource.name : resource.name + "_" + entry.suffix);
}

std::string TerraformAddresses::primary_address(const blueprint::ResolvedResource& resource) const {
  if (resource.native) {
    return resource.type + "." + terraform_identifier(resource.name);
  }
  const auto* mapping = mapping_of(resource);
  if (mapping == nullptr) {
    return {};
  }
  for (const auto& entry : mapping->terraform) {
    if (!entry.data && !entry.when && !entry.for_each) {
      return entry.resource + "." + label(resource, entry);
    }
  }
  return {};
}

TerraformScope::TerraformScope(const TerraformAddresses& addresses,
                               const blueprint::ResolvedResource* resource, std::string selector)
    : m_addresses(addresses), m_resource(resource), m_selector(std::move(selector)) {}

Evaluated TerraformScope::reference(const value::Reference& reference,
                                    const util::SourceLocation& where) const {
  std::string key = reference.str();
  if (const auto known = m_addresses.rendered_references().find(key);
      known != m_addresses.rendered_references().end()) {
    return known->second;
  }
  const auto* target = m_addresses.blueprint().find_resource(reference.resource);
  if (target == nullptr) {
    throw RenderError{where, "unknown resource '" + reference.resource + "'"};
  }
  const std::string selector = selector_of(reference, *target, where);
  if (target->native) {
    return m_addresses.rendered_references()
        .emplace(std::move(key), Evaluated::unknown(hcl::Expression::from_raw(
                                     target->type + "." + terraform_identifier(target->name) + selector +
                                     "." + reference.attribute)))
        .first->second;
  }
  const auto* mapping = m_addresses.mapping_of(*target);
  if (mapping == nullptr) {
    throw RenderError{where, "'" + target->type + "' cannot be expressed for provider '" +
                                 m_addresses.blueprint().provider + "'"};
  }
  const catalog::TemplateNode* exported = nullptr;
  for (const auto& [name, value] : mapping->exports) {
    if (name == reference.attribute) {
      exported = &value;
    }
  }
  if (exported == nullptr) {
    throw RenderError{where, "the " + m_addresses.blueprint().provider + " mapping of " + target->type +
                                 " does not export '" + reference.attribute + "'"};
  }
  const bool kubernetes = util::starts_with(target->type, "k8s.");
  TerraformScope target_scope(m_addresses, target, selector);
  ResourceContext context;
  fill_resource_context(context, m_addresses.blueprint(), target, target_scope, !kubernetes,
                        kubernetes ? nullptr : &m_addresses.untagged_tags());
  MaybeEvaluated value = evaluate_template(*exported, context.context);
  if (!value) {
    throw RenderError{where, "'" + reference.str() + "' has no value for this resource"};
  }
  if (selector == "[*]" && value->known) {
    throw RenderError{where, "'" + reference.str() + "' is not a list: refer to the resource without [*]"};
  }
  return m_addresses.rendered_references().emplace(std::move(key), std::move(*value)).first->second;
}

hcl::Expression TerraformScope::variable_reference(const std::string& name) const {
  m_addresses.mark_variable(name);
  return hcl::Expression::from_raw("var." + name);
}

hcl::Expression TerraformScope::entry_reference(const std::string& entry, const std::string& attribute,
                                                std::optional<long long> index) const {
  const auto* mapping = m_resource ? m_addresses.mapping_of(*m_resource) : nullptr;
  const auto* found = mapping ? mapping->find_entry(entry) : nullptr;
  if (found == nullptr) {
    return hcl::Expression::from_raw(entry + "." + attribute);  // rejected when the catalog loads
  }
  const std::string prefix = found->data ? "data." : "";
  std::string label = TerraformAddresses::label(*m_resource, *found);
  if (found->for_each && index) {
    label += "_" + std::to_string(*index);
  }
  return hcl::Expression::from_raw(prefix + found->resource + "." + label + (found->data ? "" : m_selector) +
                                   "." + attribute);
}

hcl::Expression TerraformScope::shared_reference(const std::string& entry,
                                                 const std::string& attribute) const {
  const auto* provider = m_addresses.provider();
  const auto* found = provider ? provider->find_shared(entry) : nullptr;
  if (found == nullptr) {
    return hcl::Expression::from_raw(entry + "." + attribute);
  }
  m_addresses.mark_shared(entry);
  return hcl::Expression::from_raw(found->resource + "." + (found->suffix.empty() ? "main" : found->suffix) +
                                   "." + attribute);
}

value::Map merged_tags(const value::Map& labels, const value::Map* tags) {
  // The last entry of each tag key, so that a key given twice keeps its last
  // value at its last place (each tag used to replace the earlier ones).
  std::unordered_map<std::string_view, std::size_t> last_tag;
  if (tags != nullptr) {
    for (std::size_t i = 0; i < tags->size(); ++i) {
      last_tag[(*tags)[i].first] = i;
    }
  }
  value::Map merged;
  merged.reserve(labels.size() + (tags ? tags->size() : 0) + 1);
  for (const auto& entry : labels) {
    if (entry.first != "managed_by" && !last_tag.contains(entry.first)) {
      merged.push_back(entry);
    }
  }
  if (tags != nullptr) {
    for (std::size_t i = 0; i < tags->size(); ++i) {
      const auto& entry = (*tags)[i];
      if (entry.first != "managed_by" && last_tag[entry.first] == i) {
        merged.push_back(entry);
      }
    }
  }
  merged.emplace_back("managed_by", Value::string("dharma"));
  return merged;
}

void fill_resource_context(ResourceContext& out, const blueprint::ResolvedBlueprint& blueprint,
                           const blueprint::ResolvedResource* resource, const RenderScope& scope,
                           bool terraform, std::optional<Evaluated>* untagged) {
  TemplateContext& context = out.context;
  context.blueprint = &blueprint;
  context.resource = resource;
  context.scope = &scope;
  context.terraform = terraform;
  context.k8s_name = resource ? dns_label(resource->name) : dns_label(blueprint.metadata.name);
  if (resource != nullptr && util::starts_with(resource->type, "k8s.")) {
    for (const auto& [key, value] : resource->properties) {
      if (key == "name" && value.kind() == Value::Kind::string) {
        context.k8s_name = value.as_string();
      }
    }
  }
  if (untagged != nullptr && resource != nullptr && resource->tags.empty()) {
    // Evaluating them reads only the blueprint and other resources' exports, never `resource`.
    if (!*untagged) {
      *untagged = evaluate_value(Value::map(merged_tags(blueprint.metadata.labels, nullptr)), context);
    }
    context.tags = &**untagged;
  } else {
    out.tags = evaluate_value(
        Value::map(merged_tags(blueprint.metadata.labels, resource ? &resource->tags : nullptr)), context);
    context.tags = &out.tags;
  }
  context.labels = nullptr;
  context.resource_context = &out;
  out.labels.reset();
}

const Evaluated& resource_labels(const ResourceContext& out) {
  if (out.labels) {
    return *out.labels;
  }
  const TemplateContext& context = out.context;
  const bool terraform = context.terraform;
  value::Map labels;
  std::unordered_set<std::string> taken;  // keys already in `labels`
  if (!terraform) {
    taken = {"app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by"};
    labels.emplace_back("app.kubernetes.io/name", Value::string(label_value(context.k8s_name)));
    labels.emplace_back("app.kubernetes.io/part-of",
                        Value::string(label_value(context.blueprint->metadata.name)));
    labels.emplace_back("app.kubernetes.io/managed-by", Value::string("dharma"));
  }
  for (const auto& [key, value] : context.tags->data.as_map()) {
    std::string safe_key = terraform ? util::to_lower(label_value(key)) : label_key(key);
    if (!terraform && key == "managed_by") {
      continue;
    }
    if (safe_key.empty() || !taken.insert(safe_key).second) {
      continue;
    }
    Value copy = value;
    if (value.kind() == Value::Kind::string) {
      std::string text = label_value(value.as_string());
      copy = Value::string(terraform ? util::to_lower(text) : text);
    }
    labels.emplace_back(std::move(safe_key), std::move(copy));
  }
  return out.labels.emplace(evaluate_value(Value::map(std::move(labels)), context));
}

}  // namespace dharma::render
