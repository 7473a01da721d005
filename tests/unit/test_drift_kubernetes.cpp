// Kubernetes objects for drift: kubectl Lists and single objects, server
// fields stripped, unknown kinds kept, bad input refused; HPA-owned replicas.

#include <doctest/doctest.h>

#include "dharma/drift/kubernetes_objects.hpp"
#include "dharma/util/error.hpp"

using namespace dharma;
using namespace dharma::drift;
using nlohmann::json;

namespace {

std::string error_of(const std::string& text) {
  ActualState state;
  try {
    read_kubernetes_objects(text, "o.json", state);
  } catch (const util::Error& error) {
    CHECK(error.code() == util::ExitCode::invalid_input);
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("read_kubernetes_objects, a List and a single object") {
  ActualState state;
  read_kubernetes_objects(R"({"apiVersion": "v1", "kind": "List", "items": [
      {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "namespace": "ns", "uid": "u", "resourceVersion": "1",
       "creationTimestamp": "t", "managedFields": [], "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
       "data": {"k": "v"}},
      {"apiVersion": "acme.example.com/v1", "kind": "Widget", "metadata": {"name": "w"}, "status": {"ok": true}}]})",
                          "list.json", state);
  read_kubernetes_objects(R"({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "ns"}})",
                          "one.json", state);
  REQUIRE(state.resources.size() == 3);
  CHECK(state.resources[0].address == "ConfigMap/ns/a");
  CHECK(to_json(state.resources[0].attributes) == json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap",
                                                         "metadata": {"name": "a", "namespace": "ns"}, "data": {"k": "v"}})"));
  CHECK(state.resources[1].address == "Widget/w");
  CHECK(state.resources[1].attributes.find("status") == nullptr);
  CHECK(state.resources[2].address == "Namespace/ns");
}

TEST_CASE("read_kubernetes_objects, refused inputs") {
  CHECK(error_of("{").find("o.json: is not valid JSON") == 0);
  CHECK(error_of(R"({"items": []})").find("is not a Kubernetes object or List") != std::string::npos);
  CHECK(error_of(R"({"kind": "List", "items": [{"kind": "Pod", "metadata": {}}]})") ==
        "o.json: item 0 has no kind or metadata.name; is this `kubectl get -o json` output?");
  CHECK(
      error_of(
          R"({"kind": "List", "items": [{"kind": "Pod", "metadata": {"name": "p"}}, {"kind": "Pod", "metadata": {"name": "p"}}]})") ==
      "o.json: the object Pod/p is already in o.json; give each object once");
}

TEST_CASE("desired_kubernetes, owners and autoscaled replicas") {
  const std::map<std::string, std::string> manifests = {
      {"01-deployment-web.yaml",
       "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n"
       "spec:\n  replicas: 2\n  paused: false\n  template:\n    spec:\n      containers:\n"
       "      - name: web\n        resources: {limits: {cpu: \"1\"}}\n"},
      {"02-horizontalpodautoscaler-web.yaml",
       "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n"
       "  name: web\n  namespace: shop\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n"},
      {"03-deployment-worker.yaml",
       "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\n  namespace: shop\n"
       "spec:\n  replicas: 3\n"},
      {"kustomization.yaml", "resources: []\n"}};
  const auto desired =
      desired_kubernetes(manifests, {{"web_app", "k8s.deployment", "web"}, {"web_hpa", "k8s.hpa", "web"}});
  REQUIRE(desired.size() == 3);
  CHECK(desired[0].address == "Deployment/shop/web");
  CHECK(desired[0].blueprint_resource == "web_app");
  CHECK(desired[1].blueprint_resource == "web_hpa");
  CHECK_FALSE(to_json(desired[0].attributes)["spec"].contains("replicas"));
  CHECK(to_json(desired[0].attributes)["spec"]["paused"] == false);
  CHECK(
      to_json(
          desired[0].attributes)["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]["cpu"] ==
      "1");
  CHECK(to_json(desired[2].attributes)["spec"]["replicas"] == 3);
  CHECK(kubectl_kinds(desired) == std::vector<std::string>{"deployment", "horizontalpodautoscaler"});
}
