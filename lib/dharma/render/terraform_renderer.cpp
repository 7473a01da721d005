// Terraform rendering. Resources are visited in the blueprint's topological
// order (dependencies first, then declaration order). A provider-native
// resource becomes one resource block with its properties verbatim; a
// portable one becomes the Terraform resources its provider mapping lists,
// each with the blueprint's `count` and `depends_on` as meta-arguments.
// Shared provider resources (Azure's resource group) are emitted first, once,
// when some template used them. Problems are collected per resource so that
// one run reports all of them.

#include "dharma/render/terraform_renderer.hpp"

#include "dharma/catalog/catalog.hpp"
#include "dharma/render/hcl_json.hpp"
#include "dharma/render/hcl_writer.hpp"
#include "dharma/render/names.hpp"
#include "dharma/render/terraform_body.hpp"
#include "dharma/render/terraform_files.hpp"
#include "dharma/util/flat_string_map.hpp"
#include "dharma/util/interrupt.hpp"
#include "dharma/util/text.hpp"

namespace dharma::render {
namespace {

using blueprint::ResolvedResource;

bool renders_to_terraform(const ResolvedResource& resource) {
  return !util::starts_with(resource.type, "k8s.");
}

const catalog::ProviderDefinition* native_provider(const std::string& type,
                                                   const catalog::MappingCatalog& mappings) {
  for (const auto& info : catalog::providers()) {
    if (util::starts_with(type, info.native_prefix)) {
      return mappings.find_provider(info.name);
    }
  }
  return nullptr;
}

void add_meta_arguments(hcl::Body& body, const ResolvedResource& resource,
                        const TerraformAddresses& addresses, const TemplateContext& context) {
  bool any = false;
  if (!resource.count_value.is_null() || resource.count) {
    const value::Value count =
        resource.count_value.is_null() ? value::Value::integer(*resource.count) : resource.count_value;
    body.attribute("count", evaluate_value_code(count, context).code);
    any = true;
  }
  std::vector<hcl::Expression> depends_on;
  for (const auto& name : resource.depends_on) {
    const auto* target = addresses.blueprint().find_resource(name);
    if (target != nullptr && renders_to_terraform(*target)) {
      const std::string address = addresses.primary_address(*target);
      if (!address.empty()) {
        depends_on.push_back(hcl::Expression::from_keyword(address));
      }
    }
  }
  if (!depends_on.empty()) {
    body.attribute("depends_on", hcl::Expression::from_list(std::move(depends_on)));
    any = true;
  }
  if (any) {
    body.separator();
  }
}

// Builds main.tf resource by resource. In HCL each resource's blocks are
// written to text as soon as they are built and their model freed, so the
// model of one resource is in memory at a time, not that of the whole file
// (the text is the same: blocks written one by one and joined by blank
// lines). The JSON syntax groups blocks by type across the file, so there
// the model is kept until the end, unless a BlockSink takes each resource's
// blocks as they are built (drift), which frees them the same way. With a FileStream (HCL only, and only
// when no shared resource has to come first) the text itself is handed over
// in pieces of about k_piece bytes as it grows, so not even the whole text
// is held.
class MainBuilder {
 public:
  // `resources`: how many add_resource calls to expect (for the text's reservation).
  MainBuilder(const TerraformAddresses& addresses, util::Diagnostics& diagnostics, TerraformFormat format,
              std::size_t resources, FileStream* stream, const BlockSink* blocks = nullptr)
      : m_addresses(addresses),
        m_diagnostics(diagnostics),
        m_format(format),
        m_resources(resources),
        m_stream(stream),
        m_blocks(blocks) {
    m_addresses_used.reserve(resources);  // most resources render one block
    if (m_stream != nullptr) {
      m_text.reserve(k_piece + k_piece / 4);
    }
  }

  void add_resource(const ResolvedResource& resource) {
    if (m_blocks != nullptr) {
      hand_over_blocks(resource);
      return;
    }
    build_resource(resource);
    if (m_format == TerraformFormat::hcl) {
      for (const auto& block : m_document.blocks) {
        if (m_any_block) {
          m_text += '\n';
        }
        hcl::append_native(m_text, block);
        m_any_block = true;
      }
      m_document.blocks.clear();
      if (m_stream != nullptr) {
        if (m_text.size() >= k_piece) {
          hand_over();
        }
      } else {
        reserve_text();
      }
    }
  }

  // The main file, streamed: what is left of the text, then its end.
  void finish_stream() {
    hand_over();
    m_stream->end();
  }

  // The whole main file: `shared` (the provider's shared resources) first.
  std::string take(hcl::Document shared) {
    if (m_format == TerraformFormat::hcl) {
      std::string text = hcl::write_native(shared);
      if (text.empty()) {
        return std::move(m_text);  // no shared resources: no copy of the whole file
      }
      if (!m_text.empty()) {
        text += '\n';
      }
      return text + m_text;
    }
    return hcl::write_json(take_document(std::move(shared)));
  }

  // The main file's document (JSON format only): `shared` first.
  hcl::Document take_document(hcl::Document shared) {
    for (auto& block : m_document.blocks) {
      shared.blocks.push_back(std::move(block));
    }
    m_document.blocks.clear();
    return shared;
  }

 private:
  // The resource's blocks to m_blocks, then freed; a resource that fails
  // half-built hands over nothing.
  void hand_over_blocks(const ResolvedResource& resource) {
    try {
      build_resource(resource);
    } catch (...) {
      m_document.blocks.clear();
      throw;
    }
    for (const auto& block : m_document.blocks) {
      (*m_blocks)(block, false);
    }
    m_document.blocks.clear();
  }

  void build_resource(const ResolvedResource& resource) {
    const std::string selector = resource.count_value.is_null() && !resource.count ? "" : "[count.index]";
    TerraformScope scope(m_addresses, &resource, selector);
    ResourceContext context;
    fill_resource_context(context, m_addresses.blueprint(), &resource, scope, true,
                          &m_addresses.untagged_tags());
    if (resource.native) {
      auto& block = add_block(resource.type, terraform_identifier(resource.name), resource);
      add_meta_arguments(block.body, resource, m_addresses, context.context);
      fill_body_from_properties(block.body, resource.properties, context.context,
                                resource.origin != nullptr ? resource.origin->find("properties") : nullptr);
      return;
    }
    const auto* mapping = m_addresses.mapping_of(resource);
    for (const auto& entry : mapping->terraform) {
      context.context.label = TerraformAddresses::label(resource, entry);
      if (entry.when && !is_true(evaluate_template(*entry.when, context.context), entry.when->location)) {
        continue;
      }
      if (!entry.for_each) {
        emit_entry(resource, entry, context.context.label, context.context);
        continue;
      }
      for_each_element(*entry.for_each, context.context, [&](const TemplateContext& element) {
        emit_entry(resource, entry, context.context.label + "_" + std::to_string(*element.index), element);
      });
    }
  }

  // Once the first k_sample resources are written, the text reserves what
  // all of them will need at that rate, with a quarter more: growing by
  // doubling instead copied the text at each step (about twice its final size
  // in all) and, at the last step, held the old and the new buffer at once.
  // A reservation of that size is mapped, not touched: pages it never fills
  // cost no memory. Past the estimate the string grows as before.
  static constexpr std::size_t k_sample = 32;
  static constexpr std::size_t k_piece = 256 * 1024;

  void hand_over() {
    if (!m_begun) {
      m_stream->begin("main.tf");  // HCL only
      m_begun = true;
    }
    if (!m_text.empty()) {
      m_stream->write(m_text);
      m_text.clear();
    }
  }

  void reserve_text() {
    if (++m_added != k_sample || m_resources < 4 * k_sample) {
      return;
    }
    const std::size_t estimate = m_text.size() / k_sample * m_resources;
    m_text.reserve(estimate + estimate / 4);
  }

  const TerraformAddresses& m_addresses;
  util::Diagnostics& m_diagnostics;
  TerraformFormat m_format;
  std::size_t m_resources;
  std::size_t m_added = 0;
  FileStream* m_stream;
  const BlockSink* m_blocks;
  bool m_begun = false;
  bool m_any_block = false;
  hcl::Document m_document;
  std::string m_text;                    // HCL of the resources added so far
  util::FlatStringSet m_addresses_used;  // only asked whether an address is new

  hcl::Block& add_block(const std::string& type, const std::string& label, const ResolvedResource& resource,
                        bool data = false) {
    if (!m_addresses_used.insert((data ? "data." : "") + type + "." + label)) {
      m_diagnostics.error(
          resource.origin ? resource.origin->location() : util::SourceLocation{},
          "two resources render to the Terraform address " + type + "." + label + "; rename one of them");
    }
    return m_document.block(data ? "data" : "resource", {type, label});
  }

  void emit_entry(const ResolvedResource& resource, const catalog::TerraformResourceTemplate& entry,
                  const std::string& label, const TemplateContext& context) {
    auto& block = add_block(entry.resource, label, resource, entry.data);
    if (!entry.data) {
      add_meta_arguments(block.body, resource, m_addresses, context);
    }
    fill_body_from_template(block.body, entry.attributes, context);
  }
};

util::SourceLocation where_is(const ResolvedResource& resource) {
  if (resource.origin != nullptr) {
    if (const auto* type = resource.origin->find("type")) {
      return type->location();
    }
    return resource.origin->location();
  }
  return {};
}

std::string file_name(const std::string& stem, TerraformFormat format) {
  return stem + (format == TerraformFormat::json ? ".tf.json" : ".tf");
}

std::string write(const hcl::Document& document, TerraformFormat format) {
  return format == TerraformFormat::json ? hcl::write_json(document) : hcl::write_native(document);
}

}  // namespace

namespace {

// One rendering for both entry points: files as text through `sink`, or
// (JSON format) the main and variables HCL models through `documents`, the
// main one block by block through `blocks` when given.
void render(const blueprint::ResolvedBlueprint& blueprint, const catalog::MappingCatalog& mappings,
            TerraformFormat format, util::Diagnostics& diagnostics, const FileSink* sink,
            const DocumentSink* documents, FileStream* main_stream, const BlockSink* blocks = nullptr) {
  const std::size_t errors_before = diagnostics.error_count();
  const catalog::ProviderDefinition* main_provider = mappings.find_provider(blueprint.provider);
  std::vector<const catalog::ProviderDefinition*> providers;
  bool any_resource = false;
  for (const auto& resource : blueprint.resources) {
    if (!renders_to_terraform(resource)) {
      continue;
    }
    any_resource = true;
    const catalog::ProviderDefinition* provider = main_provider;
    if (resource.native) {
      provider = native_provider(resource.type, mappings);
    } else if (mappings.find(blueprint.provider, resource.type) == nullptr) {
      diagnostics.error(where_is(resource), "'" + resource.type + "' cannot be expressed for provider '" +
                                                blueprint.provider + "' (the catalog has no templates/" +
                                                blueprint.provider + "/" + resource.type + ".yaml)");
      continue;
    }
    if (provider == nullptr) {
      diagnostics.error(where_is(resource), "no Terraform provider definition for '" + resource.type + "'");
      continue;
    }
    if (std::find(providers.begin(), providers.end(), provider) == providers.end()) {
      providers.push_back(provider);
    }
  }
  if (!any_resource || diagnostics.error_count() > errors_before) {
    return;
  }
  std::stable_sort(providers.begin(), providers.end(),
                   [&](const auto* a, const auto* b) { return (a == main_provider) > (b == main_provider); });

  TerraformAddresses addresses(blueprint, mappings, main_provider);
  // main.tf streams unless a shared resource may have to come first.
  FileStream* stream = format == TerraformFormat::hcl && documents == nullptr &&
                               (main_provider == nullptr || main_provider->shared.empty())
                           ? main_stream
                           : nullptr;
  MainBuilder builder(addresses, diagnostics, format, blueprint.topological_order.size(), stream, blocks);
  for (const auto& name : blueprint.topological_order) {
    const auto* resource = blueprint.find_resource(name);
    if (resource == nullptr || !renders_to_terraform(*resource)) {
      continue;
    }
    util::throw_if_interrupted();
    try {
      builder.add_resource(*resource);
    } catch (const RenderError& error) {
      diagnostics.error(error.location.has_position() ? error.location : where_is(*resource),
                        error.message + " (resource '" + resource->name + "')");
    }
  }

  try {
    TerraformScope scope(addresses, nullptr, "");
    ResourceContext context;
    fill_resource_context(context, blueprint, nullptr, scope, true);
    hcl::Document outputs = outputs_document(blueprint, context.context);
    hcl::Document shared;
    if (main_provider != nullptr) {
      for (const auto& entry : main_provider->shared) {
        if (addresses.used_shared().count(entry.id) != 0) {
          auto& block =
              shared.block("resource", {entry.resource, entry.suffix.empty() ? "main" : entry.suffix});
          fill_body_from_template(block.body, entry.attributes, context.context);
        }
      }
    }
    if (diagnostics.error_count() > errors_before) {
      return;
    }
    if (documents != nullptr) {
      if (blocks != nullptr) {
        for (const auto& block : shared.blocks) {
          (*blocks)(block, true);
        }
      } else {
        (*documents)("main.tf.json", builder.take_document(std::move(shared)));
      }
      hcl::Document variables =
          variables_document(blueprint, providers, addresses.used_variables(), context.context);
      if (!variables.blocks.empty()) {
        (*documents)("variables.tf.json", std::move(variables));
      }
      return;
    }
    if (stream != nullptr) {
      builder.finish_stream();
    } else {
      (*sink)(file_name("main", format), builder.take(std::move(shared)));
    }
    (*sink)(file_name("versions", format), write(versions_document(providers), format));
    (*sink)(file_name("providers", format), write(providers_document(providers, context.context), format));
    const hcl::Document variables =
        variables_document(blueprint, providers, addresses.used_variables(), context.context);
    if (!variables.blocks.empty()) {
      (*sink)(file_name("variables", format), write(variables, format));
    }
    if (!outputs.blocks.empty()) {
      (*sink)(file_name("outputs", format), write(outputs, format));
    }
  } catch (const RenderError& error) {
    diagnostics.error(error.location, error.message);
  }
}

}  // namespace

void render_terraform(const blueprint::ResolvedBlueprint& blueprint, const catalog::MappingCatalog& mappings,
                      TerraformFormat format, util::Diagnostics& diagnostics, const FileSink& sink,
                      FileStream* main_stream) {
  render(blueprint, mappings, format, diagnostics, &sink, nullptr, main_stream);
}

void render_terraform_documents(const blueprint::ResolvedBlueprint& blueprint,
                                const catalog::MappingCatalog& mappings, util::Diagnostics& diagnostics,
                                const DocumentSink& sink, const BlockSink* blocks) {
  render(blueprint, mappings, TerraformFormat::json, diagnostics, nullptr, &sink, nullptr, blocks);
}

}  // namespace dharma::render
