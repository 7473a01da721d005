#include "dharma/deploy/haproxy_switch.hpp"

#include <filesystem>
#include <sstream>

#include "dharma/deploy/fault_pause.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::deploy {

HaproxySwitch::HaproxySwitch(std::string service, HaproxySettings settings)
    : m_service(std::move(service)), m_settings(std::move(settings)), m_runtime(m_settings.socket) {}

std::optional<std::string> HaproxySwitch::active_colour() {
  const auto entries = m_runtime.show_map(m_settings.map);
  const auto entry = entries.find(m_service);
  if (entry == entries.end()) {
    return std::nullopt;
  }
  for (const auto& [colour, backend] : m_settings.backends) {
    if (backend == entry->second) {
      return colour;
    }
  }
  return std::nullopt;
}

std::string HaproxySwitch::switch_to(const std::string& colour) {
  const std::string& backend = m_settings.backends.at(colour);
  // The file first: if dharma dies between the two, a reload and the
  // runtime agree on the new colour after the next `deploy resume` switch.
  std::string map_text;
  if (std::filesystem::exists(m_settings.map)) {
    map_text = util::read_file(m_settings.map);
  }
  util::write_file_atomic(m_settings.map, with_map_entry(map_text, m_service, backend));
  m_runtime.set_map(m_settings.map, m_service, backend);
  pause_point("switch:after-runtime");

  const auto entries = m_runtime.show_map(m_settings.map);
  const auto entry = entries.find(m_service);
  if (entry == entries.end() || entry->second != backend) {
    throw util::Error("HAProxy's map " + m_settings.map + " sends " + m_service + " to " +
                          (entry == entries.end() ? std::string("nothing") : entry->second) +
                          " after setting " + backend,
                      util::ExitCode::unavailable);
  }
  const auto servers = m_runtime.servers_state(backend);
  std::size_t running = 0;
  for (const auto& server : servers) {
    if (server.operational_state == 2 && server.admin_state == 0) {
      ++running;
    }
  }
  const std::string observed = "map " + m_service + " -> " + backend + "; " + std::to_string(running) + "/" +
                               std::to_string(servers.size()) + " servers of " + backend + " running";
  if (servers.empty() || running == 0) {
    throw util::Error(
        "HAProxy backend " + backend + " has no running server after the switch (" + observed + ")",
        util::ExitCode::unavailable);
  }
  return observed;
}

long HaproxySwitch::sessions(const std::string& colour) {
  return m_runtime.backend_sessions(m_settings.backends.at(colour));
}

std::string with_map_entry(const std::string& map_text, const std::string& key, const std::string& value) {
  std::istringstream stream(map_text);
  std::string line, result;
  bool found = false;
  while (std::getline(stream, line)) {
    std::istringstream words(line);
    std::string first;
    words >> first;
    if (first == key && !found) {
      result += key + " " + value + "\n";
      found = true;
    } else if (first != key) {
      result += line + "\n";
    }
  }
  if (!found) {
    result += key + " " + value + "\n";
  }
  return result;
}

}  // namespace dharma::deploy
