#pragma once
// Where a load balancer sends a service's traffic: the part of a driver the
// state machine calls to read, move and verify it. Starting and stopping
// colours is the same for every host driver (colour_commands.hpp).

#include <memory>
#include <optional>
#include <string>

#include "dharma/deploy/deploy_config.hpp"
#include "dharma/util/process_runner.hpp"

namespace dharma::deploy {

class TrafficSwitch {
 public:
  virtual ~TrafficSwitch() = default;
  // The colour that receives new requests now; nothing when none does yet.
  virtual std::optional<std::string> active_colour() = 0;
  // Sends new requests to `colour` (in-flight ones finish where they are),
  // so that a restart of the load balancer keeps it, and verifies it.
  // Returns what was observed ("map shop -> shop_green; 1/1 servers running").
  // Throws util::Error (exit 3) when the load balancer refuses or the check fails.
  virtual std::string switch_to(const std::string& colour) = 0;
  // Sessions still open on `colour`; -1 when the load balancer cannot say.
  virtual long sessions(const std::string& colour) = 0;
};

// The driver's switch for `config` (haproxy, nginx or kubernetes); nginx and kubectl run through `processes`.
std::unique_ptr<TrafficSwitch> make_traffic_switch(const DeployConfig& config,
                                                   util::ProcessRunner& processes);

}  // namespace dharma::deploy
