#pragma once
// The haproxy driver's switch. haproxy.cfg routes with
//   use_backend %[str(SERVICE),map(MAP)]
// and MAP holds "SERVICE BACKEND". A switch is one `set map` on the runtime
// API (new requests go to the new backend at once; requests in flight finish
// on the old one), the same line rewritten in MAP on disk (so a reload keeps
// it), then verified: `show map` must name the new backend and `show servers
// state` must show its servers running and not in maintenance.

#include "dharma/deploy/haproxy_runtime.hpp"
#include "dharma/deploy/traffic_switch.hpp"

namespace dharma::deploy {

class HaproxySwitch : public TrafficSwitch {
 public:
  HaproxySwitch(std::string service, HaproxySettings settings);
  std::optional<std::string> active_colour() override;
  std::string switch_to(const std::string& colour) override;
  long sessions(const std::string& colour) override;

 private:
  std::string m_service;
  HaproxySettings m_settings;
  HaproxyRuntime m_runtime;
};

// `map_text` with the line of `key` set to `value` (added when missing), other lines kept.
std::string with_map_entry(const std::string& map_text, const std::string& key, const std::string& value);

}  // namespace dharma::deploy
