// Reading the deploy section. The environment's overrides are applied on the
// YAML tree first (a merged mapping whose entries are the base's, with each
// key the environment names replaced whole), so every value is then read, and
// every error located, by one pass of yaml::MapReader over that mapping.

#include "dharma/deploy/deploy_config.hpp"

#include <algorithm>
#include <filesystem>

#include "dharma/util/duration.hpp"
#include "dharma/util/text.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::deploy {
namespace {

using namespace std::chrono_literals;
using yaml::Need;

const std::vector<std::string> k_keys{
    "service",       "driver",         "instances",        "host",         "ports",
    "start",         "stop",           "start_timeout",    "stop_timeout", "health",
    "pre_promotion", "post_promotion", "scale_down_delay", "approval",     "lease_ttl",
    "haproxy",       "nginx",          "kubernetes",       "environments"};

bool is_service_name(const std::string& text) {
  return !text.empty() && text.size() <= 63 && text[0] >= 'a' && text[0] <= 'z' &&
         std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// `section` with the entries of environments.<environment> replacing the base's.
yaml::NodePtr merged_for(const yaml::Node& section, const std::string& environment,
                         util::Diagnostics& diagnostics) {
  auto merged = std::make_shared<yaml::Node>(section);
  if (!section.is_map()) {
    return merged;
  }
  merged->entries.clear();
  const yaml::Node* overrides = nullptr;
  if (const yaml::Node* environments = section.find("environments"); environments != nullptr) {
    if (yaml::expect_map(*environments, "'environments' in deploy section", diagnostics)) {
      for (const auto& [name, value] : environments->entries) {
        yaml::MapReader reader(*value, "deploy environment " + util::quoted(name->scalar), diagnostics);
        std::vector<std::string> allowed = k_keys;
        allowed.pop_back();  // no nested environments
        reader.allow_only(allowed);
        if (name->scalar == environment && value->is_map()) {
          overrides = value.get();
        }
      }
    }
  }
  for (const auto& entry : section.entries) {
    if (entry.first->scalar == "environments") {
      merged->entries.push_back(entry);
      continue;
    }
    const yaml::Node* replacement = overrides != nullptr ? overrides->find(entry.first->scalar) : nullptr;
    if (replacement == nullptr) {
      merged->entries.push_back(entry);
    }
  }
  if (overrides != nullptr) {
    for (const auto& entry : overrides->entries) {
      // Unknown keys were reported above, once.
      if (entry.first->scalar != "environments" &&
          std::find(k_keys.begin(), k_keys.end(), entry.first->scalar) != k_keys.end()) {
        merged->entries.push_back(entry);
      }
    }
  }
  return merged;
}

void read_health(yaml::MapReader& section, HealthCheck& health) {
  const yaml::Node* node = section.mapping("health");
  if (node == nullptr) {
    return;
  }
  yaml::MapReader reader(*node, "health check", section.diagnostics());
  reader.allow_only({"path", "expect_status", "interval", "timeout", "successes", "deadline"});
  if (auto path = reader.string("path")) {
    if ((*path)[0] != '/' || path->find_first_of(" \r\n\t") != std::string::npos) {
      reader.error(*reader.node("path"), reader.describe("path") + " must start with '/' and hold no spaces");
    }
    health.path = *path;
  }
  if (auto status = reader.integer("expect_status", 100, 599)) {
    health.expect_status = static_cast<int>(*status);
  }
  if (auto interval = reader.duration("interval", 10ms, 1h)) {
    health.interval = *interval;
  }
  if (auto timeout = reader.duration("timeout", 10ms, 10min)) {
    health.timeout = *timeout;
  }
  if (auto successes = reader.integer("successes", 1, 1000)) {
    health.successes = static_cast<int>(*successes);
  }
  if (auto deadline = reader.duration("deadline", 100ms, 24h)) {
    health.deadline = *deadline;
  }
}

void read_analysis(yaml::MapReader& section, const char* key, Analysis& analysis) {
  const yaml::Node* node = section.mapping(key);
  if (node == nullptr) {
    return;
  }
  yaml::MapReader reader(*node, std::string(key) + " analysis", section.diagnostics());
  reader.allow_only({"checks", "interval", "loadtest"});
  if (auto checks = reader.integer("checks", 0, 100000)) {
    analysis.checks = static_cast<int>(*checks);
  }
  if (auto interval = reader.duration("interval", 10ms, 1h)) {
    analysis.interval = *interval;
  }
  if (auto scenario = reader.string("loadtest")) {
    // Relative to the file that names it, kept absolute for resume.
    const yaml::Node* where = reader.node("loadtest");
    std::filesystem::path path(*scenario);
    if (path.is_relative() && where->file) {
      path = std::filesystem::path(*where->file).parent_path() / path;
    }
    analysis.loadtest = std::filesystem::absolute(path).lexically_normal().string();
  }
  if (reader.is_map() && reader.node("checks") == nullptr && reader.node("loadtest") == nullptr) {
    reader.error(*node, std::string(key) + " analysis needs 'checks', 'loadtest' or both");
  }
}

std::map<std::string, int> read_ports(yaml::MapReader& section) {
  std::map<std::string, int> ports;
  const yaml::Node* node = section.mapping("ports", Need::required);
  if (node == nullptr) {
    return ports;
  }
  yaml::MapReader reader(*node, "ports", section.diagnostics());
  reader.allow_only(k_colours);
  for (const auto& colour : k_colours) {
    if (auto port = reader.integer(colour, 1, 65535, Need::required)) {
      ports[colour] = static_cast<int>(*port);
    }
  }
  return ports;
}

void read_haproxy(yaml::MapReader& section, HaproxySettings& haproxy, bool needed) {
  const yaml::Node* node = section.mapping("haproxy", needed ? Need::required : Need::optional);
  if (node == nullptr) {
    return;
  }
  yaml::MapReader reader(*node, "haproxy settings", section.diagnostics());
  reader.allow_only({"socket", "map", "backends"});
  haproxy.socket = reader.string("socket", Need::required).value_or("");
  haproxy.map = reader.string("map", Need::required).value_or("");
  if (const yaml::Node* backends = reader.mapping("backends", Need::required)) {
    yaml::MapReader names(*backends, "haproxy backends", section.diagnostics());
    names.allow_only(k_colours);
    for (const auto& colour : k_colours) {
      if (auto name = names.string(colour, Need::required)) {
        if (name->find_first_of(" \r\n\t") != std::string::npos) {
          names.error(*names.node(colour), names.describe(colour) + " must hold no spaces");
        }
        haproxy.backends[colour] = *name;
      }
    }
  }
}

void read_nginx(yaml::MapReader& section, NginxSettings& nginx, bool needed) {
  const yaml::Node* node = section.mapping("nginx", needed ? Need::required : Need::optional);
  if (node == nullptr) {
    return;
  }
  yaml::MapReader reader(*node, "nginx settings", section.diagnostics());
  reader.allow_only({"upstream_file", "upstream", "command"});
  nginx.upstream_file = reader.string("upstream_file", Need::required).value_or("");
  nginx.upstream = reader.string("upstream", Need::required).value_or("");
  if (auto command = reader.strings("command")) {
    if (command->empty()) {
      reader.error(*reader.node("command"), reader.describe("command") + " must name the nginx program");
    } else {
      nginx.command = *command;
    }
  }
}

void read_kubernetes(yaml::MapReader& section, KubernetesSettings& kubernetes, bool needed) {
  const yaml::Node* node = section.mapping("kubernetes", needed ? Need::required : Need::optional);
  if (node == nullptr) {
    return;
  }
  yaml::MapReader reader(*node, "kubernetes settings", section.diagnostics());
  reader.allow_only({"deployment", "service", "preview_service", "preview_port", "preview_url", "image",
                     "kubectl", "rollout_timeout"});
  kubernetes.deployment = reader.string("deployment", Need::required).value_or("");
  kubernetes.service = reader.string("service", Need::required).value_or("");
  kubernetes.preview_service = reader.string("preview_service", Need::required).value_or("");
  kubernetes.preview_port = reader.string("preview_port").value_or(kubernetes.preview_port);
  if (auto url = reader.string("preview_url")) {
    if ((url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0) ||
        url->find_first_of(" \r\n\t") != std::string::npos) {
      reader.error(*reader.node("preview_url"),
                   reader.describe("preview_url") + " must be an http:// or https:// URL with no spaces");
    }
    kubernetes.preview_url = *url;
  }
  kubernetes.image = reader.string("image").value_or("");
  if (auto kubectl = reader.strings("kubectl")) {
    if (kubectl->empty()) {
      reader.error(*reader.node("kubectl"), reader.describe("kubectl") + " must name the kubectl program");
    } else {
      kubernetes.kubectl = *kubectl;
    }
  }
  if (auto timeout = reader.duration("rollout_timeout", 1s, 24h)) {
    kubernetes.rollout_timeout = *timeout;
  }
}

}  // namespace

std::string other_colour(const std::string& colour) {
  return colour == "blue" ? "green" : "blue";
}

bool is_valid_version(const std::string& version) {
  return !version.empty() && version.size() <= 128 && std::all_of(version.begin(), version.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '+' || c == '-';
  });
}

DeployConfig read_deploy_config(const yaml::Node& section, const std::string& environment,
                                util::Diagnostics& diagnostics) {
  DeployConfig config;
  const yaml::NodePtr merged = merged_for(section, environment, diagnostics);
  yaml::MapReader reader(*merged, "deploy section", diagnostics);
  reader.allow_only(k_keys);
  if (!reader.is_map()) {
    return config;
  }
  if (auto service = reader.string("service", Need::required)) {
    if (!is_service_name(*service)) {
      reader.error(*reader.node("service"),
                   reader.describe("service") +
                       " must be 1-63 of a-z, 0-9 and '-', starting with a letter, not " +
                       util::quoted(*service));
    }
    config.service = *service;
  }
  config.driver = reader.choice("driver", k_drivers).value_or("haproxy");
  if (auto instances = reader.integer("instances", 1, 64)) {
    config.instances = static_cast<int>(*instances);
  }
  config.host = reader.string("host").value_or(config.host);
  const bool on_hosts = config.driver != "kubernetes";
  if (on_hosts || reader.node("ports") != nullptr) {
    config.ports = read_ports(reader);
  }
  for (const auto& [colour, port] : config.ports) {
    if (port + config.instances - 1 > 65535) {
      reader.error(*reader.node("ports"), "ports of colour " + colour + " run past 65535 with " +
                                              std::to_string(config.instances) + " instances");
    }
  }
  if (config.ports.size() == 2 && config.instances > std::abs(config.ports["blue"] - config.ports["green"])) {
    reader.error(*reader.node("ports"), "the ports of blue and green overlap with " +
                                            std::to_string(config.instances) + " instances per colour");
  }
  config.start = reader.string("start", on_hosts ? Need::required : Need::optional).value_or("");
  config.stop = reader.string("stop", on_hosts ? Need::required : Need::optional).value_or("");
  if (auto timeout = reader.duration("start_timeout", 100ms, 24h)) {
    config.start_timeout = *timeout;
  }
  if (auto timeout = reader.duration("stop_timeout", 100ms, 24h)) {
    config.stop_timeout = *timeout;
  }
  read_health(reader, config.health);
  read_analysis(reader, "pre_promotion", config.pre_promotion);
  read_analysis(reader, "post_promotion", config.post_promotion);
  if (auto delay = reader.duration("scale_down_delay", 0ns, 24h)) {
    config.scale_down_delay = *delay;
  }
  config.approval = reader.boolean("approval").value_or(false);
  if (auto ttl = reader.duration("lease_ttl", 1s, 1h)) {
    config.lease_ttl = *ttl;
  }
  read_haproxy(reader, config.haproxy, config.driver == "haproxy");
  read_nginx(reader, config.nginx, config.driver == "nginx");
  read_kubernetes(reader, config.kubernetes, config.driver == "kubernetes");
  const bool load_tested = !config.pre_promotion.loadtest.empty() || !config.post_promotion.loadtest.empty();
  const bool numeric_port =
      !config.kubernetes.preview_port.empty() &&
      config.kubernetes.preview_port.find_first_not_of("0123456789") == std::string::npos;
  if (config.driver == "kubernetes" && load_tested && config.kubernetes.preview_url.empty() &&
      !numeric_port && reader.node("kubernetes") != nullptr) {
    reader.error(*reader.node("kubernetes"),
                 "a load-test analysis with the kubernetes driver needs kubernetes.preview_url (where dharma "
                 "reaches the preview Service), or a numeric preview_port for its cluster DNS name");
  }
  return config;
}

namespace {
std::int64_t ns(Duration duration) {
  return duration.count();
}
Duration duration_of(const nlohmann::json& value) {
  return Duration(value.get<std::int64_t>());
}
}  // namespace

nlohmann::json to_json(const DeployConfig& config) {
  return {{"service", config.service},
          {"driver", config.driver},
          {"instances", config.instances},
          {"host", config.host},
          {"ports", config.ports},
          {"start", config.start},
          {"stop", config.stop},
          {"start_timeout_ns", ns(config.start_timeout)},
          {"stop_timeout_ns", ns(config.stop_timeout)},
          {"health",
           {{"path", config.health.path},
            {"expect_status", config.health.expect_status},
            {"interval_ns", ns(config.health.interval)},
            {"timeout_ns", ns(config.health.timeout)},
            {"successes", config.health.successes},
            {"deadline_ns", ns(config.health.deadline)}}},
          {"pre_promotion",
           {{"checks", config.pre_promotion.checks},
            {"interval_ns", ns(config.pre_promotion.interval)},
            {"loadtest", config.pre_promotion.loadtest}}},
          {"post_promotion",
           {{"checks", config.post_promotion.checks},
            {"interval_ns", ns(config.post_promotion.interval)},
            {"loadtest", config.post_promotion.loadtest}}},
          {"scale_down_delay_ns", ns(config.scale_down_delay)},
          {"approval", config.approval},
          {"lease_ttl_ns", ns(config.lease_ttl)},
          {"haproxy",
           {{"socket", config.haproxy.socket},
            {"map", config.haproxy.map},
            {"backends", config.haproxy.backends}}},
          {"nginx",
           {{"upstream_file", config.nginx.upstream_file},
            {"upstream", config.nginx.upstream},
            {"command", config.nginx.command}}},
          {"kubernetes",
           {{"deployment", config.kubernetes.deployment},
            {"service", config.kubernetes.service},
            {"preview_service", config.kubernetes.preview_service},
            {"preview_port", config.kubernetes.preview_port},
            {"preview_url", config.kubernetes.preview_url},
            {"image", config.kubernetes.image},
            {"kubectl", config.kubernetes.kubectl},
            {"rollout_timeout_ns", ns(config.kubernetes.rollout_timeout)},
            {"manifest", config.kubernetes.manifest}}}};
}

DeployConfig config_from_json(const nlohmann::json& json) {
  DeployConfig config;
  config.service = json.at("service").get<std::string>();
  config.driver = json.at("driver").get<std::string>();
  config.instances = json.at("instances").get<int>();
  config.host = json.at("host").get<std::string>();
  config.ports = json.at("ports").get<std::map<std::string, int>>();
  config.start = json.at("start").get<std::string>();
  config.stop = json.at("stop").get<std::string>();
  // Deployments journalled before the timeouts existed have the defaults.
  if (json.contains("start_timeout_ns")) {
    config.start_timeout = duration_of(json.at("start_timeout_ns"));
  }
  if (json.contains("stop_timeout_ns")) {
    config.stop_timeout = duration_of(json.at("stop_timeout_ns"));
  }
  const auto& health = json.at("health");
  config.health.path = health.at("path").get<std::string>();
  config.health.expect_status = health.at("expect_status").get<int>();
  config.health.interval = duration_of(health.at("interval_ns"));
  config.health.timeout = duration_of(health.at("timeout_ns"));
  config.health.successes = health.at("successes").get<int>();
  config.health.deadline = duration_of(health.at("deadline_ns"));
  config.pre_promotion.checks = json.at("pre_promotion").at("checks").get<int>();
  config.pre_promotion.interval = duration_of(json.at("pre_promotion").at("interval_ns"));
  config.post_promotion.checks = json.at("post_promotion").at("checks").get<int>();
  config.post_promotion.interval = duration_of(json.at("post_promotion").at("interval_ns"));
  config.pre_promotion.loadtest = json.at("pre_promotion").value("loadtest", "");
  config.post_promotion.loadtest = json.at("post_promotion").value("loadtest", "");
  config.scale_down_delay = duration_of(json.at("scale_down_delay_ns"));
  config.approval = json.at("approval").get<bool>();
  config.lease_ttl = duration_of(json.at("lease_ttl_ns"));
  config.haproxy.socket = json.at("haproxy").at("socket").get<std::string>();
  config.haproxy.map = json.at("haproxy").at("map").get<std::string>();
  config.haproxy.backends = json.at("haproxy").at("backends").get<std::map<std::string, std::string>>();
  config.nginx.upstream_file = json.at("nginx").at("upstream_file").get<std::string>();
  config.nginx.upstream = json.at("nginx").at("upstream").get<std::string>();
  config.nginx.command = json.at("nginx").at("command").get<std::vector<std::string>>();
  if (json.contains("kubernetes")) {
    const auto& kubernetes = json.at("kubernetes");
    config.kubernetes.deployment = kubernetes.at("deployment").get<std::string>();
    config.kubernetes.service = kubernetes.at("service").get<std::string>();
    config.kubernetes.preview_service = kubernetes.at("preview_service").get<std::string>();
    config.kubernetes.preview_port = kubernetes.at("preview_port").get<std::string>();
    config.kubernetes.preview_url = kubernetes.value("preview_url", "");
    config.kubernetes.image = kubernetes.at("image").get<std::string>();
    config.kubernetes.kubectl = kubernetes.at("kubectl").get<std::vector<std::string>>();
    config.kubernetes.rollout_timeout = duration_of(kubernetes.at("rollout_timeout_ns"));
    config.kubernetes.manifest = kubernetes.at("manifest").get<std::string>();
  }
  return config;
}

}  // namespace dharma::deploy
