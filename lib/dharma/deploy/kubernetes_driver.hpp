#pragma once
// The kubernetes driver: colours are the Deployments SERVICE-blue and
// SERVICE-green (kubernetes_manifest.hpp), driven with kubectl through the
// process runner:
//   start   kubectl apply -f MANIFEST; kubectl rollout status; point the
//           preview Service's selector at the colour
//   health  kubectl get --raw of the preview Service through the API
//           server's service proxy (exit 0 = a 2xx answer)
//   load    a load-test analysis runs the scenario against the preview
//           Service's URL (preview_url)
//   switch  point the active Service's selector at the colour
//   stop    kubectl scale --replicas=0
// The same command lists are printed by `deploy blue-green --dry-run`.
// This driver has not been run against a live cluster (none can run on the
// machines it was built on); its commands are pinned by golden tests.

#include <filesystem>
#include <string>
#include <vector>

#include "dharma/deploy/colour_control.hpp"
#include "dharma/deploy/traffic_switch.hpp"

namespace dharma::deploy {

// Where the manifest of `colour` is written for `kubectl apply -f`.
std::filesystem::path manifest_file(const DeployConfig& config, const std::string& colour);

std::vector<std::string> kubectl_apply(const DeployConfig& config, const std::string& colour);
std::vector<std::string> kubectl_rollout_status(const DeployConfig& config, const std::string& colour);
std::vector<std::string> kubectl_point_service(const DeployConfig& config, const std::string& service,
                                               const std::string& colour);
std::vector<std::string> kubectl_probe(const DeployConfig& config);
std::vector<std::string> kubectl_scale_to_zero(const DeployConfig& config, const std::string& colour);
// Where a load-test analysis sends its requests: `kubernetes.preview_url`, else
// http://PREVIEW.NAMESPACE.svc.cluster.local:PORT (a numeric preview_port).
std::string preview_url(const DeployConfig& config);

// `argv` as one shell line (arguments with special characters single-quoted).
std::string command_line(const std::vector<std::string>& argv);

class KubernetesColours : public ColourControl {
 public:
  KubernetesColours(DeployConfig config, util::ProcessRunner& processes);
  std::string start(const std::string& colour, const std::string& version) override;
  void stop(const std::string& colour, const std::string& version) override;
  Verdict health_gate(const std::string& colour, const Heartbeat& heartbeat) override;
  Verdict check(const std::string& colour, const Analysis& analysis, const Heartbeat& heartbeat) override;
  std::string analysis_url(const std::string&) const override { return preview_url(m_config); }

 private:
  DeployConfig m_config;
  util::ProcessRunner& m_processes;
};

class KubernetesSwitch : public TrafficSwitch {
 public:
  KubernetesSwitch(DeployConfig config, util::ProcessRunner& processes);
  // kubectl's answers are not read: the journal is the record of the active colour.
  std::optional<std::string> active_colour() override { return std::nullopt; }
  std::string switch_to(const std::string& colour) override;
  long sessions(const std::string&) override { return -1; }

 private:
  DeployConfig m_config;
  util::ProcessRunner& m_processes;
};

// Runs `argv` (its program looked up in PATH when it has no '/'); throws
// util::Error (exit 3) naming the command when it fails.
void run_kubectl(util::ProcessRunner& processes, std::vector<std::string> argv);

}  // namespace dharma::deploy
