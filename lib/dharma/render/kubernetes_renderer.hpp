#pragma once
// Renders the k8s.* resources of a blueprint as plain Kubernetes manifests,
// in apply order, in one of three layouts (docs/generate.md, "Kubernetes
// layouts"): one file per object (`NN-kind-name.yaml`), one multi-document
// file per kind (`NN-kind.yaml`), each with a kustomization.yaml listing the
// files, or a stream of documents without a kustomization.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/render/file_sink.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::render {

enum class KubernetesLayout {
  per_object,  // NN-kind-name.yaml, one object each, then kustomization.yaml
  per_kind,    // NN-kind.yaml, every object of one kind as `---`-separated documents, then kustomization.yaml
  stream,      // one call per object, in apply order, each content a whole document; no kustomization.yaml
};

// Hands each file (name, content) to `sink` in order, kustomization.yaml
// last; nothing when the blueprint has no k8s.* resources or when there were
// errors (reported to `diagnostics`, all found before the first file).
void render_kubernetes(const blueprint::ResolvedBlueprint& blueprint, const catalog::MappingCatalog& mappings,
                       util::Diagnostics& diagnostics, const FileSink& sink,
                       KubernetesLayout layout = KubernetesLayout::per_object);

// Apply order of a kind: namespaces, service accounts, config, services,
// workloads, autoscalers, ingress, policies, then anything else.
int apply_rank(const std::string& kind);

// A resolved value as JSON data (references must have been resolved).
nlohmann::ordered_json to_json(const value::Value& value);

}  // namespace dharma::render
