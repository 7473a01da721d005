#include <doctest/doctest.h>

#include "dharma/deploy/haproxy_runtime.hpp"
#include "dharma/deploy/haproxy_switch.hpp"

using namespace dharma;

// Answers as HAProxy 2.6 writes them on its runtime API.
TEST_CASE("parse_show_map, entries by key") {
  const auto entries =
      deploy::parse_show_map("0x55d1c3a0e2f0 shop shop_green\n0x55d1c3a0e3a0 api api_blue\n\n");
  CHECK(entries.size() == 2);
  CHECK(entries.at("shop") == "shop_green");
  CHECK(entries.at("api") == "api_blue");
  CHECK(deploy::parse_show_map("Unknown map identifier. Please use #<id> or <file>.\n").empty());
}

TEST_CASE("parse_servers_state, operational and administrative states") {
  const auto servers = deploy::parse_servers_state(
      "1\n"
      "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight "
      "srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state "
      "srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port "
      "srv_check_addr srv_agent_addr srv_agent_port\n"
      "3 shop_green 1 green0 127.0.0.1 2 0 1 1 12 1 0 0 0 0 0 0 - 57210 - 0 0 - - 0\n"
      "3 shop_green 2 green1 127.0.0.1 0 1 1 1 12 1 0 0 0 0 0 0 - 57211 - 0 0 - - 0\n");
  REQUIRE(servers.size() == 2);
  CHECK(servers[0].backend == "shop_green");
  CHECK(servers[0].server == "green0");
  CHECK(servers[0].operational_state == 2);
  CHECK(servers[0].admin_state == 0);
  CHECK(servers[1].operational_state == 0);
  CHECK(servers[1].admin_state == 1);
}

TEST_CASE("parse_backend_sessions, scur of the BACKEND row") {
  const std::string csv =
      "# pxname,svname,qcur,qmax,scur,smax,slim,stot\n"
      "shop,FRONTEND,,,4,9,262120,1000\n"
      "shop_blue,blue0,0,0,2,5,,300\n"
      "shop_blue,BACKEND,0,0,3,6,26212,301\n"
      "shop_green,BACKEND,0,0,0,4,26212,700\n";
  CHECK(deploy::parse_backend_sessions(csv, "shop_blue") == 3);
  CHECK(deploy::parse_backend_sessions(csv, "shop_green") == 0);
  CHECK(deploy::parse_backend_sessions(csv, "missing") == -1);
}

TEST_CASE("with_map_entry, one line changed, the others kept") {
  CHECK(deploy::with_map_entry("", "shop", "shop_blue") == "shop shop_blue\n");
  CHECK(deploy::with_map_entry("# colours\napi api_blue\nshop shop_blue\n", "shop", "shop_green") ==
        "# colours\napi api_blue\nshop shop_green\n");
  CHECK(deploy::with_map_entry("shop a\nshop b\n", "shop", "c") == "shop c\n");
}
