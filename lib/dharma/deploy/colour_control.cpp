#include "dharma/deploy/colour_control.hpp"

#include "dharma/deploy/colour_commands.hpp"
#include "dharma/deploy/kubernetes_driver.hpp"
#include "dharma/deploy/loadtest_analysis.hpp"

namespace dharma::deploy {
namespace {

// Colours as processes on hosts, checked over HTTP.
class HostColours : public ColourControl {
 public:
  HostColours(DeployConfig config, util::ProcessRunner& processes)
      : m_config(std::move(config)), m_processes(processes) {}

  std::string start(const std::string& colour, const std::string& version) override {
    start_colour(m_config, colour, version, m_processes);
    return "started " + std::to_string(m_config.instances) + " instance(s) of " + colour + " (" + version +
           ") from port " + std::to_string(m_config.ports.at(colour));
  }
  void stop(const std::string& colour, const std::string& version) override {
    stop_colour(m_config, colour, version, m_processes);
  }
  Verdict health_gate(const std::string& colour, const Heartbeat& heartbeat) override {
    return deploy::health_gate(m_config, colour, heartbeat);
  }
  Verdict check(const std::string& colour, const Analysis& analysis, const Heartbeat& heartbeat) override {
    return deploy::analyse(m_config, colour, analysis, heartbeat);
  }
  std::string analysis_url(const std::string& colour) const override {
    return "http://" + m_config.host + ":" + std::to_string(m_config.ports.at(colour));
  }

 private:
  DeployConfig m_config;
  util::ProcessRunner& m_processes;
};

}  // namespace

Verdict ColourControl::analyse(const std::string& colour, const Analysis& analysis,
                               const Heartbeat& heartbeat) {
  Verdict checks = analysis.checks > 0 ? check(colour, analysis, heartbeat) : Verdict{true, "", 0};
  if (!checks.passed || analysis.loadtest.empty()) {
    return checks;
  }
  heartbeat();
  Verdict load = loadtest_analysis(analysis_url(colour), analysis.loadtest);
  load.checks += checks.checks;
  if (!checks.observed.empty()) {
    load.observed = checks.observed + "; " + load.observed;
  }
  return load;
}

std::unique_ptr<ColourControl> make_colour_control(const DeployConfig& config,
                                                   util::ProcessRunner& processes) {
  if (config.driver == "kubernetes") {
    return std::make_unique<KubernetesColours>(config, processes);
  }
  return std::make_unique<HostColours>(config, processes);
}

}  // namespace dharma::deploy
