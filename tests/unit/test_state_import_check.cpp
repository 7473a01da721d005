// What `tenant import` verifies before writing: a document that keeps every
// promise of an export has no problems; each broken promise is named.

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "dharma/state/checksum.hpp"
#include "dharma/state/names.hpp"
#include "dharma/state/tenant_import_check.hpp"
#include "dharma/util/error.hpp"

using namespace dharma::state;
using Json = nlohmann::json;

namespace {

Json version_row(const std::string& id, int version, const std::string& source) {
  return {{"id", id},
          {"blueprint_id", "b1"},
          {"version", version},
          {"source_yaml", source},
          {"content_hash", sha256_hex(source)},
          {"size_bytes", source.size()}};
}

Json honest_export() {
  return {
      {"format", "dharma-tenant-export"},
      {"format_version", 1},
      {"tenant", {{"id", "t1"}, {"slug", "acme"}, {"name", "Acme"}}},
      {"projects", Json::array({{{"id", "p1"}, {"name", "shop"}}})},
      {"environments", Json::array()},
      {"users", Json::array()},
      {"blueprints", Json::array({{{"id", "b1"}, {"name", "web"}, {"latest_version", 2}}})},
      {"blueprint_versions", Json::array({version_row("v1", 1, "a: 1\n"), version_row("v2", 2, "a: 2\n")})}};
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& problem) { return problem.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("tenant_export_problems, an honest export has none") {
  CHECK(tenant_export_problems(honest_export()).empty());
}

TEST_CASE("tenant_export_problems, a source that does not match its hash") {
  auto document = honest_export();
  document["blueprint_versions"][1]["source_yaml"] = "a: 3\n";
  CHECK(mentions(tenant_export_problems(document),
                 "web version 2): the source does not match its content_hash"));
}

TEST_CASE("tenant_export_problems, version gaps, repeats and a wrong latest_version") {
  auto gap = honest_export();
  gap["blueprint_versions"][1]["version"] = 3;
  gap["blueprints"][0]["latest_version"] = 3;
  CHECK(mentions(tenant_export_problems(gap), "has versions with gaps"));

  auto repeat = honest_export();
  repeat["blueprint_versions"][1]["version"] = 1;
  CHECK(mentions(tenant_export_problems(repeat), "version 1 appears twice"));

  auto latest = honest_export();
  latest["blueprints"][0]["latest_version"] = 7;
  CHECK(
      mentions(tenant_export_problems(latest), "says its latest_version is 7, but its highest version is 2"));
}

TEST_CASE("tenant_export_problems, ids used twice, orphans and names the store refuses") {
  auto twice = honest_export();
  twice["blueprint_versions"][1]["id"] = "v1";
  CHECK(mentions(tenant_export_problems(twice), "repeats id v1"));

  auto orphan = honest_export();
  orphan["blueprint_versions"][1]["blueprint_id"] = "elsewhere";
  CHECK(mentions(tenant_export_problems(orphan), "belongs to no blueprint in the document"));

  auto names = honest_export();
  names["projects"][0]["name"] = "../../etc/passwd";
  names["tenant"]["slug"] = "'; DROP TABLE tenants; --";
  const auto problems = tenant_export_problems(names);
  CHECK(mentions(problems, "projects[0].name: '../../etc/passwd' is not a valid name"));
  CHECK(mentions(problems, "is not a valid tenant slug"));
}

TEST_CASE("store names and quotas, the database's rules before the database") {
  CHECK_NOTHROW(check_store_name("shop-web.v2_x", "--project"));
  CHECK_THROWS_AS(check_store_name("Shop", "--project"), dharma::util::Error);
  CHECK_THROWS_AS(check_store_name(std::string(64, 'a'), "--project"), dharma::util::Error);
  CHECK_THROWS_AS(check_tenant_slug("a.b", "tenant"), dharma::util::Error);
  CHECK_NOTHROW(check_quota_limit(2147483647, "--blueprints"));
  CHECK_THROWS_AS(check_quota_limit(2147483648LL, "--blueprints"), dharma::util::Error);
  CHECK_THROWS_AS(check_quota_limit(-1, "--blueprints"), dharma::util::Error);
}
