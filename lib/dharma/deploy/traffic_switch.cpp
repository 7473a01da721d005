#include "dharma/deploy/traffic_switch.hpp"

#include "dharma/deploy/haproxy_switch.hpp"
#include "dharma/deploy/kubernetes_driver.hpp"
#include "dharma/deploy/nginx_switch.hpp"

namespace dharma::deploy {

std::unique_ptr<TrafficSwitch> make_traffic_switch(const DeployConfig& config,
                                                   util::ProcessRunner& processes) {
  if (config.driver == "kubernetes") {
    return std::make_unique<KubernetesSwitch>(config, processes);
  }
  if (config.driver == "nginx") {
    return std::make_unique<NginxSwitch>(config, processes);
  }
  return std::make_unique<HaproxySwitch>(config.service, config.haproxy);
}

}  // namespace dharma::deploy
