// `dharma generate --mappings`: the provider mapping tables of
// docs/generate.md, written from the catalog so the documentation cannot
// drift from the data (a golden test compares the two).

#include <set>

#include "dharma/api/generate_api.hpp"
#include "dharma/catalog/catalog.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {
namespace {

std::string condition(const catalog::TerraformResourceTemplate& entry) {
  if (entry.for_each) {
    return " (one per item)";
  }
  if (entry.when) {
    return " (when needed)";
  }
  return "";
}

std::string emitted(const catalog::ProviderMapping& mapping) {
  std::vector<std::string> parts;
  for (const auto& entry : mapping.terraform) {
    parts.push_back("`" + std::string(entry.data ? "data." : "") + entry.resource + "`" + condition(entry));
  }
  for (const auto& manifest : mapping.manifests) {
    const auto* kind = manifest.manifest.find("kind");
    const auto* api = manifest.manifest.find("apiVersion");
    if (kind != nullptr && kind->literal && api != nullptr && api->literal) {
      parts.push_back("`" + api->literal->scalar + " " + kind->literal->scalar + "`" +
                      (manifest.when ? " (when needed)" : ""));
    }
  }
  return parts.empty() ? "nothing (refers to an object managed elsewhere)" : util::join(parts, ", ");
}

std::string cell(const std::string& text) {
  return util::replace_all(text, "|", "\\|");
}

}  // namespace

int generate_mappings(const GenerateOptions& /*options*/, CommandContext& context) {
  std::ostream& out = context.out();
  const auto& mappings = context.mappings();
  const auto& types = context.catalog();
  const std::vector<std::pair<std::string, std::string>> providers = {
      {"aws", "AWS (hashicorp/aws)"},
      {"azure", "Azure (hashicorp/azurerm)"},
      {"gcp", "Google Cloud (hashicorp/google)"},
      {"kubernetes", "Kubernetes manifests (every provider)"}};
  bool first = true;
  for (const auto& [provider, title] : providers) {
    out << (first ? "" : "\n") << "### " << title << "\n\n";
    first = false;
    if (const auto* definition = mappings.find_provider(provider)) {
      out << "Provider `" << definition->source << "` " << definition->version << ".\n\n";
    }
    out << "| portable type | renders as | notes |\n|---|---|---|\n";
    for (const auto& type : types.type_names()) {
      const bool kubernetes_type = util::starts_with(type, "k8s.");
      if (kubernetes_type != (provider == "kubernetes")) {
        continue;
      }
      const auto* mapping = mappings.find(provider, type);
      if (mapping == nullptr) {
        out << "| `" << type << "` | not expressible: generate fails naming the type | |\n";
        continue;
      }
      out << "| `" << type << "` | " << cell(emitted(*mapping)) << " | " << cell(mapping->description)
          << " |\n";
    }
  }
  return 0;
}

}  // namespace dharma::api
