#pragma once
// What `dharma deploy` deploys, read from a blueprint's `deploy:` section (or
// dharma.yaml's): the service, how a colour's instances start and stop, the
// health check, the analyses before and after the switch, how long the old
// colour is kept, whether approval is needed, and the driver's settings.
// `environments: {NAME: {...}}` inside the section overrides whole top-level
// keys for one environment. Read with yaml::MapReader, so every problem is a
// located error and reading goes on to report them all.

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::deploy {

using Duration = std::chrono::nanoseconds;

struct HealthCheck {
  std::string path = "/health";
  int expect_status = 200;
  Duration interval = std::chrono::seconds(1);
  Duration timeout = std::chrono::seconds(2);
  int successes = 3;                             // consecutive passes that make a colour healthy
  Duration deadline = std::chrono::seconds(60);  // give up on the health gate after this long
};

// An analysis step: `checks` health checks `interval` apart, every one must
// pass; then, when `loadtest` names a scenario file, that scenario run
// against the colour (its target replaced by the colour's address), whose
// thresholds must pass. Neither: the step is skipped.
struct Analysis {
  int checks = 0;
  Duration interval = std::chrono::seconds(1);
  std::string loadtest;  // the scenario file, absolute

  bool empty() const { return checks == 0 && loadtest.empty(); }
};

struct HaproxySettings {
  std::string socket;                           // the runtime API (stats socket, level admin)
  std::string map;                              // the map file `use_backend` reads, as named in haproxy.cfg
  std::map<std::string, std::string> backends;  // colour -> backend name
};

struct NginxSettings {
  std::string upstream_file;  // the include file holding `upstream NAME { server ...; }`
  std::string upstream;       // its upstream name
  std::vector<std::string> command{"/usr/sbin/nginx"};  // nginx and its arguments (-c, -p)
};

struct KubernetesSettings {
  std::string deployment;       // the blueprint's k8s.deployment resource to release as NAME-blue/NAME-green
  std::string service;          // the active Service: its selector gets dharma.dev/colour
  std::string preview_service;  // the Service the health checks go through, pointed at the new colour
  std::string preview_port = "http";  // its port (name or number) for the API server's service proxy
  std::string
      preview_url;    // where a load-test analysis reaches the preview Service; empty: its cluster DNS name
  std::string image;  // the container image with {version}; empty: the blueprint's
  std::vector<std::string> kubectl{"kubectl"};  // kubectl and its arguments (--context, --kubeconfig)
  Duration rollout_timeout = std::chrono::minutes(5);
  std::string manifest;  // the rendered Deployment (JSON), filled in when the deployment is planned
};

struct DeployConfig {
  std::string service;
  std::string driver = "haproxy";
  int instances = 1;
  std::string host = "127.0.0.1";
  std::map<std::string, int> ports;  // colour -> first port; instance i listens on port + i
  std::string start;                 // shell command per instance; {port} {colour} {version} {service}
  std::string stop;
  // How long one instance's start or stop command may run before its
  // process group is killed and the step fails.
  Duration start_timeout = std::chrono::minutes(5);
  Duration stop_timeout = std::chrono::minutes(5);
  HealthCheck health;
  Analysis pre_promotion;
  Analysis post_promotion;
  Duration scale_down_delay = std::chrono::seconds(30);
  bool approval = false;
  Duration lease_ttl = std::chrono::seconds(30);
  HaproxySettings haproxy;
  NginxSettings nginx;
  KubernetesSettings kubernetes;
};

inline const std::vector<std::string> k_colours{"blue", "green"};
inline const std::vector<std::string> k_drivers{"haproxy", "nginx", "kubernetes"};

// The other colour.
std::string other_colour(const std::string& colour);

// Reads `section` (the value of a `deploy:` key) for `environment` (may be
// empty). Problems go to `diagnostics`; the result is meaningful only without errors.
DeployConfig read_deploy_config(const yaml::Node& section, const std::string& environment,
                                util::Diagnostics& diagnostics);

// The config as JSON (journalled with each deployment so resume and abort
// need no file) and back.
nlohmann::json to_json(const DeployConfig& config);
DeployConfig config_from_json(const nlohmann::json& json);

// Whether `version` is safe to substitute into a shell command: 1-128 of [A-Za-z0-9._+-].
bool is_valid_version(const std::string& version);

}  // namespace dharma::deploy
