#pragma once
// The kubernetes driver's Deployment for one colour. The blueprint's
// k8s.deployment resource is rendered by the generate code
// (render::render_kubernetes) once, when the deployment is planned, and kept
// as JSON in the journal; each colour is that manifest renamed
// SERVICE-COLOUR, with the label dharma.dev/colour on the object, its
// selector and its pod template, and (when the deploy section names an
// image) every container's image set to it with {version} substituted.

#include <nlohmann/json.hpp>
#include <string>

#include "dharma/blueprint/resolved.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/deploy/deploy_config.hpp"

namespace dharma::deploy {

inline const char* k_colour_label = "dharma.dev/colour";

// The rendered Deployment of resource `config.kubernetes.deployment`, as JSON
// text. Throws util::Error (exit 2) when the blueprint has no such
// k8s.deployment or it does not render.
std::string render_deployment(const blueprint::ResolvedBlueprint& blueprint,
                              const catalog::MappingCatalog& mappings, const DeployConfig& config);

// The manifest of `colour` running `version`, as JSON.
nlohmann::ordered_json colour_manifest(const DeployConfig& config, const std::string& colour,
                                       const std::string& version);

// SERVICE-COLOUR.
std::string colour_deployment_name(const DeployConfig& config, const std::string& colour);
// The namespace of the rendered Deployment ("default" when it names none).
std::string manifest_namespace(const DeployConfig& config);

}  // namespace dharma::deploy
