#include "dharma/deploy/kubernetes_driver.hpp"

#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "dharma/deploy/kubernetes_manifest.hpp"
#include "dharma/util/duration.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/yaml/writer.hpp"

namespace dharma::deploy {
namespace {

std::vector<std::string> kubectl(const DeployConfig& config, std::initializer_list<std::string> arguments) {
  std::vector<std::string> argv = config.kubernetes.kubectl;
  argv.insert(argv.end(), arguments);
  return argv;
}

std::string with_path(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    return program;
  }
  const char* path = std::getenv("PATH");
  std::istringstream folders(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string folder;
  while (std::getline(folders, folder, ':')) {
    const auto candidate = std::filesystem::path(folder.empty() ? "." : folder) / program;
    if (::access(candidate.c_str(), X_OK) == 0) {
      return candidate.string();
    }
  }
  throw util::Error(program + " is not in PATH: install it or name it with its path in kubernetes.kubectl",
                    util::ExitCode::unavailable);
}

// One probe through the preview Service: empty when it answered 2xx.
std::string probe_once(const DeployConfig& config, util::ProcessRunner& processes) {
  auto argv = kubectl_probe(config);
  argv[0] = with_path(argv[0]);
  const int status = processes.run_quiet(argv, "kubectl get --raw");
  return status == 0 ? std::string()
                     : command_line(kubectl_probe(config)) + " exited with " + std::to_string(status);
}

}  // namespace

std::filesystem::path manifest_file(const DeployConfig& config, const std::string& colour) {
  return std::filesystem::temp_directory_path() /
         ("dharma-deploy-" + colour_deployment_name(config, colour) + ".yaml");
}

std::vector<std::string> kubectl_apply(const DeployConfig& config, const std::string& colour) {
  return kubectl(config, {"apply", "-f", manifest_file(config, colour).string()});
}

std::vector<std::string> kubectl_rollout_status(const DeployConfig& config, const std::string& colour) {
  return kubectl(
      config,
      {"rollout", "status", "deployment/" + colour_deployment_name(config, colour), "-n",
       manifest_namespace(config),
       "--timeout=" +
           std::to_string(
               std::chrono::duration_cast<std::chrono::seconds>(config.kubernetes.rollout_timeout).count()) +
           "s"});
}

std::vector<std::string> kubectl_point_service(const DeployConfig& config, const std::string& service,
                                               const std::string& colour) {
  return kubectl(config,
                 {"patch", "service", service, "-n", manifest_namespace(config), "--type", "merge", "-p",
                  std::string("{\"spec\":{\"selector\":{\"") + k_colour_label + "\":\"" + colour + "\"}}}"});
}

std::vector<std::string> kubectl_probe(const DeployConfig& config) {
  return kubectl(config, {"get", "--raw",
                          "/api/v1/namespaces/" + manifest_namespace(config) + "/services/" +
                              config.kubernetes.preview_service + ":" + config.kubernetes.preview_port +
                              "/proxy" + config.health.path});
}

std::vector<std::string> kubectl_scale_to_zero(const DeployConfig& config, const std::string& colour) {
  return kubectl(config, {"scale", "deployment/" + colour_deployment_name(config, colour), "-n",
                          manifest_namespace(config), "--replicas=0"});
}

std::string preview_url(const DeployConfig& config) {
  if (!config.kubernetes.preview_url.empty()) {
    return config.kubernetes.preview_url;
  }
  return "http://" + config.kubernetes.preview_service + "." + manifest_namespace(config) +
         ".svc.cluster.local:" + config.kubernetes.preview_port;
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& argument : argv) {
    const bool plain =
        !argument.empty() &&
        argument.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@") ==
            std::string::npos;
    line += (line.empty() ? "" : " ") + (plain ? argument : "'" + argument + "'");
  }
  return line;
}

void run_kubectl(util::ProcessRunner& processes, std::vector<std::string> argv) {
  const std::string shown = command_line(argv);
  argv[0] = with_path(argv[0]);
  if (const int status = processes.run(argv, "kubectl"); status != 0) {
    throw util::Error(shown + " exited with " + std::to_string(status), util::ExitCode::unavailable);
  }
}

KubernetesColours::KubernetesColours(DeployConfig config, util::ProcessRunner& processes)
    : m_config(std::move(config)), m_processes(processes) {}

std::string KubernetesColours::start(const std::string& colour, const std::string& version) {
  util::write_file_atomic(manifest_file(m_config, colour),
                          yaml::to_yaml(colour_manifest(m_config, colour, version)));
  run_kubectl(m_processes, kubectl_apply(m_config, colour));
  run_kubectl(m_processes, kubectl_rollout_status(m_config, colour));
  run_kubectl(m_processes, kubectl_point_service(m_config, m_config.kubernetes.preview_service, colour));
  return "applied and rolled out deployment/" + colour_deployment_name(m_config, colour) + " (" + version +
         "); preview Service " + m_config.kubernetes.preview_service + " points at " + colour;
}

void KubernetesColours::stop(const std::string& colour, const std::string&) {
  run_kubectl(m_processes, kubectl_scale_to_zero(m_config, colour));
}

Verdict KubernetesColours::health_gate(const std::string& colour, const Heartbeat& heartbeat) {
  const GateRun run = run_gate(
      m_config.health, [this] { return probe_once(m_config, m_processes); }, heartbeat);
  Verdict verdict{run.passed, "", run.checks};
  verdict.observed = run.passed ? std::to_string(run.in_a_row) + " checks in a row passed through Service " +
                                      m_config.kubernetes.preview_service + " (" + colour + ")"
                                : "not healthy within " + util::format_duration(m_config.health.deadline) +
                                      "; last failure: " + run.last_failure;
  return verdict;
}

Verdict KubernetesColours::check(const std::string& colour, const Analysis& analysis,
                                 const Heartbeat& heartbeat) {
  const ChecksRun run = run_checks(
      analysis, [this] { return probe_once(m_config, m_processes); }, heartbeat);
  return {run.passed,
          run.passed ? std::to_string(analysis.checks) + "/" + std::to_string(analysis.checks) +
                           " checks passed through Service " + m_config.kubernetes.preview_service + " (" +
                           colour + ")"
                     : run.failure,
          run.checks};
}

KubernetesSwitch::KubernetesSwitch(DeployConfig config, util::ProcessRunner& processes)
    : m_config(std::move(config)), m_processes(processes) {}

std::string KubernetesSwitch::switch_to(const std::string& colour) {
  run_kubectl(m_processes, kubectl_point_service(m_config, m_config.kubernetes.service, colour));
  return "Service " + m_config.kubernetes.service + " selects " + k_colour_label + "=" + colour;
}

}  // namespace dharma::deploy
