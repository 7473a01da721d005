#pragma once
// The nginx driver's switch. nginx.conf includes UPSTREAM_FILE, which dharma
// owns: `upstream NAME { server HOST:PORT; ... }` listing the active colour's
// instances. A switch writes the new file atomically, checks the whole
// configuration with `nginx -t` (restoring the old file when it fails), then
// `nginx -s reload`: the master starts new workers on the new upstream and the
// old workers finish their requests, so nothing in flight is cut.

#include "dharma/deploy/traffic_switch.hpp"

namespace dharma::deploy {

class NginxSwitch : public TrafficSwitch {
 public:
  NginxSwitch(const DeployConfig& config, util::ProcessRunner& processes);
  std::optional<std::string> active_colour() override;
  std::string switch_to(const std::string& colour) override;
  long sessions(const std::string&) override { return -1; }

 private:
  DeployConfig m_config;
  util::ProcessRunner& m_processes;
};

// The upstream file's text for `colour` of `config`.
std::string upstream_text(const DeployConfig& config, const std::string& colour);

}  // namespace dharma::deploy
