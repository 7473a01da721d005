#include <doctest/doctest.h>

#include <algorithm>

#include "dharma/deploy/colour_commands.hpp"
#include "dharma/deploy/deploy_config.hpp"
#include "dharma/deploy/kubernetes_manifest.hpp"
#include "dharma/yaml/loader.hpp"

using namespace dharma;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> messages(const util::Diagnostics& diagnostics) {
  std::vector<std::string> result;
  for (const auto& item : diagnostics.all()) {
    result.push_back(util::format_diagnostic(item));
  }
  std::sort(result.begin(), result.end());  // by position, as the CLI prints them (one-digit lines here)
  return result;
}

const char* k_section =
    "service: shop\n"
    "ports: {blue: 8100, green: 8200}\n"
    "instances: 2\n"
    "start: run {service} {colour} {version} {port}\n"
    "stop: halt {port}\n"
    "health: {path: /ready, interval: 250ms, successes: 2}\n"
    "post_promotion: {checks: 5, interval: 1s}\n"
    "scale_down_delay: 1m\n"
    "haproxy: {socket: /run/h.sock, map: /etc/h/c.map, backends: {blue: b, green: g}}\n"
    "environments:\n"
    "  prod: {approval: true, scale_down_delay: 10m}\n";

deploy::DeployConfig read(const std::string& text, const std::string& environment,
                          util::Diagnostics& diagnostics) {
  auto root = yaml::load(text, "app.yaml", diagnostics);
  return deploy::read_deploy_config(*root, environment, diagnostics);
}

}  // namespace

TEST_CASE("read_deploy_config, a full section with an environment's overrides") {
  util::Diagnostics diagnostics;
  SUBCASE("base") {
    const auto config = read(k_section, "staging", diagnostics);
    CHECK(messages(diagnostics).empty());
    CHECK(config.service == "shop");
    CHECK(config.driver == "haproxy");
    CHECK(config.instances == 2);
    CHECK(config.ports.at("green") == 8200);
    CHECK(config.health.path == "/ready");
    CHECK(config.health.interval == 250ms);
    CHECK(config.health.successes == 2);
    CHECK(config.health.expect_status == 200);
    CHECK(config.pre_promotion.checks == 0);
    CHECK(config.post_promotion.checks == 5);
    CHECK(config.scale_down_delay == 1min);
    CHECK_FALSE(config.approval);
    CHECK(config.haproxy.backends.at("green") == "g");
    CHECK(config.start_timeout == 5min);
    CHECK(config.stop_timeout == 5min);
  }
  SUBCASE("timeouts") {
    const auto config =
        read(std::string(k_section) + "start_timeout: 90s\nstop_timeout: 250ms\n", "", diagnostics);
    CHECK(messages(diagnostics).empty());
    CHECK(config.start_timeout == 90s);
    CHECK(config.stop_timeout == 250ms);
  }
  SUBCASE("prod replaces whole keys") {
    const auto config = read(k_section, "prod", diagnostics);
    CHECK(messages(diagnostics).empty());
    CHECK(config.approval);
    CHECK(config.scale_down_delay == 10min);
    CHECK(config.health.path == "/ready");
  }
}

TEST_CASE("read_deploy_config, every problem located, reading goes on") {
  util::Diagnostics diagnostics;
  read(
      "service: Shop\n"
      "driver: haproxi\n"
      "ports: {blue: 8100, green: 70000}\n"
      "start: go\n"
      "health: {path: ready, interval: 5}\n"
      "scale_down_delay: soon\n"
      "haproxy: {socket: /s, map: /m, backends: {blue: b}}\n"
      "environments: {prod: {aproval: true}}\n",
      "", diagnostics);
  CHECK(messages(diagnostics) ==
        std::vector<std::string>{
            "app.yaml:1:10: error: 'service' in deploy section must be 1-63 of a-z, 0-9 and '-', starting "
            "with a "
            "letter, not 'Shop'",
            "app.yaml:1:1: error: deploy section is missing required key 'stop'",
            "app.yaml:2:9: error: 'driver' in deploy section must be one of haproxy, nginx, kubernetes, not "
            "'haproxi' "
            "(did you mean 'haproxy'?)",
            "app.yaml:3:28: error: 'green' in ports must be an integer from 1 to 65535, not '70000'",
            "app.yaml:5:16: error: 'path' in health check must start with '/' and hold no spaces",
            "app.yaml:5:33: error: 'interval' in health check must be a duration from 10ms to 1h such as "
            "500ms, 5s or 1m30s, not '5'",
            "app.yaml:6:19: error: 'scale_down_delay' in deploy section must be a duration from 0s to 24h "
            "such as 500ms, "
            "5s or 1m30s, not 'soon'",
            "app.yaml:7:42: error: haproxy backends is missing required key 'green'",
            "app.yaml:8:23: error: unknown key 'aproval' in deploy environment 'prod' (did you mean "
            "'approval'?)",
        });
}

TEST_CASE("DeployConfig, JSON round trip keeps every value") {
  util::Diagnostics diagnostics;
  const auto config = read(k_section, "prod", diagnostics);
  const auto back = deploy::config_from_json(deploy::to_json(config));
  CHECK(deploy::to_json(back) == deploy::to_json(config));
  CHECK(back.scale_down_delay == 10min);
  CHECK(back.health.interval == 250ms);
  SUBCASE("a deployment journalled before the timeouts existed gets the defaults") {
    auto json = deploy::to_json(config);
    json.erase("start_timeout_ns");
    json.erase("stop_timeout_ns");
    CHECK(deploy::config_from_json(json).start_timeout == 5min);
    CHECK(deploy::config_from_json(json).stop_timeout == 5min);
  }
}

TEST_CASE("substitute, placeholders of the start and stop commands") {
  CHECK(deploy::substitute("run {service} {colour} {version} {port} {other}", "shop", "green", "1.2.3",
                           8201) == "run shop green 1.2.3 8201 {other}");
  CHECK(deploy::is_valid_version("v1.2.3-rc.1+build_7"));
  CHECK_FALSE(deploy::is_valid_version("v1;rm -rf /"));
  CHECK_FALSE(deploy::is_valid_version("$(id)"));
  CHECK_FALSE(deploy::is_valid_version(""));
}

TEST_CASE("colour_manifest, the rendered Deployment renamed, labelled and re-imaged per colour") {
  deploy::DeployConfig config;
  config.service = "shop";
  config.kubernetes.image = "registry.example/shop:{version}";
  config.kubernetes.manifest =
      R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop","labels":{"a":"b"}},)"
      R"("spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},)"
      R"("spec":{"containers":[{"name":"web","image":"old"}]}}}})";
  const auto manifest = deploy::colour_manifest(config, "green", "1.4.0");
  CHECK(manifest["metadata"]["name"] == "shop-green");
  CHECK(manifest["metadata"]["labels"]["dharma.dev/colour"] == "green");
  CHECK(manifest["metadata"]["labels"]["a"] == "b");
  CHECK(manifest["spec"]["selector"]["matchLabels"]["dharma.dev/colour"] == "green");
  CHECK(manifest["spec"]["template"]["metadata"]["labels"]["dharma.dev/colour"] == "green");
  CHECK(manifest["spec"]["template"]["spec"]["containers"][0]["image"] == "registry.example/shop:1.4.0");
  CHECK(deploy::manifest_namespace(config) == "shop");
  config.kubernetes.image.clear();
  CHECK(deploy::colour_manifest(config, "blue", "2")["spec"]["template"]["spec"]["containers"][0]["image"] ==
        "old");
}

TEST_CASE("read_deploy_config, an analysis by load test names its scenario relative to the file") {
  util::Diagnostics diagnostics;
  auto root = yaml::load(std::string(k_section) + "pre_promotion: {loadtest: scenarios/smoke.yaml}\n",
                         "/srv/app/app.yaml", diagnostics);
  const auto config = deploy::read_deploy_config(*root, "", diagnostics);
  CHECK(messages(diagnostics).empty());
  CHECK(config.pre_promotion.loadtest == "/srv/app/scenarios/smoke.yaml");
  CHECK(config.pre_promotion.checks == 0);
  CHECK_FALSE(config.pre_promotion.empty());
  CHECK(config.post_promotion.loadtest.empty());

  util::Diagnostics wrong;
  read(std::string(k_section) + "pre_promotion: {interval: 1s}\n", "", wrong);
  CHECK(messages(wrong) ==
        std::vector<std::string>{
            "app.yaml:12:16: error: pre_promotion analysis needs 'checks', 'loadtest' or both"});
}
