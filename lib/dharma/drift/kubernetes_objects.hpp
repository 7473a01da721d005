#pragma once
// Kubernetes objects on both sides of drift. Objects are addressed
// `Kind/namespace/name` (`Kind/name` without a namespace). The actual side
// is `kubectl get ... -o json` output, a List or one object, with what the
// API server fills in removed before comparison (status, managedFields,
// uid, resourceVersion, generation, creationTimestamp, selfLink and the
// last-applied-configuration annotation); the desired side is the
// manifests the Kubernetes renderer writes, where `spec.replicas` of a
// workload that a HorizontalPodAutoscaler of the blueprint scales is
// dropped, since the autoscaler owns it.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dharma/drift/actual_state.hpp"
#include "dharma/drift/desired_state.hpp"

namespace dharma::drift {

std::string kubernetes_address(const nlohmann::json& object);

// Adds the objects of `text` to `state`. Throws util::Error (exit 2) when
// it is not JSON, not a Kubernetes object or List, an item has no kind or
// name, or an address is already there.
void read_kubernetes_objects(std::string_view text, const std::string& source, ActualState& state);

// A k8s.* resource of the blueprint: which objects it renders.
struct KubernetesOwner {
  std::string resource;     // blueprint resource name
  std::string type;         // k8s.deployment, k8s.hpa
  std::string object_name;  // its `name` property (the objects' metadata.name)
};

// The rendered manifests (file name -> YAML text, kustomization.yaml
// skipped) as desired resources, each owned by the blueprint resource of
// its kind and name.
std::vector<DesiredResource> desired_kubernetes(const std::map<std::string, std::string>& manifests,
                                                const std::vector<KubernetesOwner>& owners);

// The kinds `desired` holds, lower case, for `kubectl get KIND,KIND -o json`.
std::vector<std::string> kubectl_kinds(const std::vector<DesiredResource>& desired);

}  // namespace dharma::drift
