#include "dharma/deploy/nginx_switch.hpp"

#include <filesystem>

#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::deploy {

NginxSwitch::NginxSwitch(const DeployConfig& config, util::ProcessRunner& processes)
    : m_config(config), m_processes(processes) {}

std::string upstream_text(const DeployConfig& config, const std::string& colour) {
  std::string text = "# written by dharma deploy: " + config.service + " on " + colour + "\nupstream " +
                     config.nginx.upstream + " {\n";
  for (int i = 0; i < config.instances; ++i) {
    text += "    server " + config.host + ":" + std::to_string(config.ports.at(colour) + i) + ";\n";
  }
  text += "    keepalive 16;\n}\n";
  return text;
}

std::optional<std::string> NginxSwitch::active_colour() {
  if (!std::filesystem::exists(m_config.nginx.upstream_file)) {
    return std::nullopt;
  }
  const std::string text = util::read_file(m_config.nginx.upstream_file);
  for (const auto& colour : k_colours) {
    if (text == upstream_text(m_config, colour)) {
      return colour;
    }
  }
  return std::nullopt;
}

std::string NginxSwitch::switch_to(const std::string& colour) {
  const auto& file = m_config.nginx.upstream_file;
  const bool existed = std::filesystem::exists(file);
  const std::string previous = existed ? util::read_file(file) : std::string();
  util::write_file_atomic(file, upstream_text(m_config, colour));
  auto test = m_config.nginx.command;
  test.push_back("-t");
  test.push_back("-q");
  if (const int status = m_processes.run(test, "nginx -t"); status != 0) {
    if (existed) {
      util::write_file_atomic(file, previous);
    } else {
      std::filesystem::remove(file);
    }
    throw util::Error("nginx -t rejected the configuration with " + file + " for " + colour + " (exit " +
                          std::to_string(status) + "); the previous file is back",
                      util::ExitCode::unavailable);
  }
  auto reload = m_config.nginx.command;
  reload.push_back("-s");
  reload.push_back("reload");
  if (const int status = m_processes.run(reload, "nginx -s reload"); status != 0) {
    throw util::Error("nginx -s reload failed (exit " + std::to_string(status) + ")",
                      util::ExitCode::unavailable);
  }
  return "upstream " + m_config.nginx.upstream + " -> " + colour + " (" + std::to_string(m_config.instances) +
         " servers from port " + std::to_string(m_config.ports.at(colour)) + "); nginx -t passed, reloaded";
}

}  // namespace dharma::deploy
