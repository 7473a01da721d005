#include "dharma/deploy/kubernetes_manifest.hpp"

#include "dharma/deploy/colour_commands.hpp"
#include "dharma/render/kubernetes_renderer.hpp"
#include "dharma/util/diagnosed_error.hpp"
#include "dharma/util/error.hpp"
#include "dharma/value/literal.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::deploy {

std::string render_deployment(const blueprint::ResolvedBlueprint& blueprint,
                              const catalog::MappingCatalog& mappings, const DeployConfig& config) {
  util::Diagnostics diagnostics;
  std::string found;
  render::render_kubernetes(
      blueprint, mappings, diagnostics, [&](const std::string& name, std::string content) {
        if (name.find("-deployment-") == std::string::npos) {
          return;
        }
        util::Diagnostics parse;
        const auto root = yaml::load(content, name, parse);
        if (root == nullptr || parse.has_errors()) {
          return;
        }
        const auto json = render::to_json(value::literal_value(*root));
        if (json.contains("metadata") && json["metadata"].value("name", "") == config.kubernetes.deployment) {
          found = json.dump();
        }
      });
  if (diagnostics.has_errors()) {
    throw util::DiagnosedError(std::move(diagnostics), util::ExitCode::invalid_input);
  }
  if (found.empty()) {
    throw util::Error("the blueprint renders no Deployment named '" + config.kubernetes.deployment +
                      "' (kubernetes.deployment in the deploy section names a k8s.deployment resource)");
  }
  return found;
}

std::string colour_deployment_name(const DeployConfig& config, const std::string& colour) {
  return config.service + "-" + colour;
}

std::string manifest_namespace(const DeployConfig& config) {
  const auto json = nlohmann::json::parse(config.kubernetes.manifest);
  return json.contains("metadata") ? json["metadata"].value("namespace", "default") : "default";
}

nlohmann::ordered_json colour_manifest(const DeployConfig& config, const std::string& colour,
                                       const std::string& version) {
  auto manifest = nlohmann::ordered_json::parse(config.kubernetes.manifest);
  manifest["metadata"]["name"] = colour_deployment_name(config, colour);
  manifest["metadata"]["labels"][k_colour_label] = colour;
  manifest["spec"]["selector"]["matchLabels"][k_colour_label] = colour;
  manifest["spec"]["template"]["metadata"]["labels"][k_colour_label] = colour;
  if (!config.kubernetes.image.empty() && manifest["spec"]["template"]["spec"].contains("containers")) {
    for (auto& container : manifest["spec"]["template"]["spec"]["containers"]) {
      container["image"] = substitute(config.kubernetes.image, config.service, colour, version, 0);
    }
  }
  return manifest;
}

}  // namespace dharma::deploy
