// The store's hot operations as data (store_statements.hpp), without a
// server: the SQL and parameters each operation sends, the decoders from
// plain text rows (what libpq and pqxx both give), rows of a wrong shape
// refused, the pgbench form of a statement, and the blueprint cache codec.

#include <doctest/doctest.h>

#include "dharma/state/blueprint_cache.hpp"
#include "dharma/state/store_statements.hpp"
#include "dharma/util/error.hpp"

using namespace dharma;
using state::StatementRows;

namespace {

const std::string k_tenant = "0b3c8f4e-5d0a-4a7e-9a43-1f2d3c4b5a69";

}  // namespace

TEST_CASE("blueprint_version_statement, calls the V011 function with text parameters and NULL for latest") {
  const auto pinned =
      state::blueprint_version_statement(k_tenant, "shop", "web", 3, state::PullContent::source);
  CHECK(pinned.sql == "SELECT * FROM dharma_blueprint_version($1, $2, $3, $4, $5)");
  CHECK(pinned.params == std::vector<state::StatementValue>{k_tenant, "shop", "web", "3", "false"});
  CHECK_FALSE(pinned.writes);
  const auto latest = state::blueprint_version_statement(k_tenant, "shop", "web", std::nullopt,
                                                         state::PullContent::with_resolved);
  CHECK_FALSE(latest.params[3].has_value());
  CHECK(latest.params[4] == "true");
}

TEST_CASE("decode_blueprint_version, reads a row and keeps the resolved form only when asked") {
  const StatementRows rows{
      {"2", std::string(64, 'a'), "name: web\n", "{\"r\":1}", "ana", "2026-01-02T03:04:05Z"}};
  const auto source = state::decode_blueprint_version(rows, "shop", "web", state::PullContent::source);
  REQUIRE(source);
  CHECK(source->project == "shop");
  CHECK(source->version == 2);
  CHECK(source->source == "name: web\n");
  CHECK(source->resolved_json.empty());
  CHECK(source->author == "ana");
  const auto resolved =
      state::decode_blueprint_version(rows, "shop", "web", state::PullContent::with_resolved);
  CHECK(resolved->resolved_json == "{\"r\":1}");
  CHECK_FALSE(state::decode_blueprint_version({}, "shop", "web", state::PullContent::source));
}

TEST_CASE("decoders, refuse rows of another shape with exit 3 instead of misreading them") {
  const StatementRows short_row{{"2", "hash"}};
  CHECK_THROWS_AS(state::decode_blueprint_version(short_row, "p", "n", state::PullContent::source),
                  util::Error);
  CHECK_THROWS_AS(state::decode_blueprint_list({{"p", "n", "two", "t"}}), util::Error);
  CHECK_THROWS_AS(state::decode_blueprint_push({{"1", "h", "maybe"}}), util::Error);
  CHECK_THROWS_AS(state::decode_api_calls({{std::nullopt}}), util::Error);
  CHECK_THROWS_AS(state::decode_api_calls({}), util::Error);
  try {
    state::decode_api_calls({{"12x"}});
    FAIL("accepted 12x");
  } catch (const util::Error& error) {
    CHECK(error.code() == util::ExitCode::unavailable);
  }
}

TEST_CASE("blueprint list and push statements, and their decoders") {
  const auto list = state::blueprint_list_statement(k_tenant, "");
  CHECK(list.sql == "SELECT * FROM dharma_blueprint_list($1, $2)");
  CHECK(list.params == std::vector<state::StatementValue>{k_tenant, ""});
  const auto summaries = state::decode_blueprint_list({{"a", "x", "1", "t1"}, {"b", "y", "7", "t2"}});
  REQUIRE(summaries.size() == 2);
  CHECK(summaries[1].project == "b");
  CHECK(summaries[1].latest_version == 7);

  const auto push = state::blueprint_push_statement(k_tenant, {"shop", "web", "src", "{}", "ana"});
  CHECK(push.writes);
  CHECK(push.params == std::vector<state::StatementValue>{k_tenant, "shop", "web", "src", "{}", "ana"});
  const auto outcome = state::decode_blueprint_push({{"4", "abc", "t"}});
  CHECK(outcome.version == 4);
  CHECK(outcome.content_hash == "abc");
  CHECK(outcome.created);
  CHECK_FALSE(state::decode_blueprint_push({{"4", "abc", "f"}}).created);
}

TEST_CASE("tenant, usage and API-call statements decode to the domain types") {
  StatementRows tenant_rows{
      {k_tenant, "acme", "Acme", "eu-west-1", "active", "c", "u", "1", "2", "3", "4", "5", "6"}};
  const auto tenant = state::decode_tenant(tenant_rows);
  REQUIRE(tenant);
  CHECK(tenant->slug == "acme");
  CHECK(tenant->quotas[state::k_api_calls_quota] == 6);
  CHECK_FALSE(state::decode_tenant({}));

  const auto usage = state::decode_tenant_usage(
      {{"1", "2", "0", "1", "0.5", "9", "20", "100", "1000", "50", "100", "100000"}});
  REQUIRE(usage);
  CHECK(usage->used[4] == doctest::Approx(0.5));
  CHECK(usage->limits[5] == 100000);

  CHECK(state::api_calls_statement(k_tenant, "2026-12-02", true).writes);
  CHECK_FALSE(state::api_calls_statement(k_tenant, "2026-12-02", false).writes);
  CHECK(state::decode_api_calls({{"41"}}) == 41);
}

TEST_CASE("pgbench_script, sends the same SQL with :pN parameters and refuses NULLs") {
  const auto script = state::pgbench_script(
      state::blueprint_version_statement(k_tenant, "shop", "web", 1, state::PullContent::source));
  CHECK(script.script == "SELECT * FROM dharma_blueprint_version(:p1, :p2, :p3, :p4, :p5);\n");
  CHECK(script.defines ==
        std::vector<std::string>{"p1=" + k_tenant, "p2=shop", "p3=web", "p4=1", "p5=false"});
  CHECK_THROWS_AS(state::pgbench_script(state::blueprint_version_statement(
                      k_tenant, "shop", "web", std::nullopt, state::PullContent::source)),
                  util::Error);
}

TEST_CASE("blueprint cache codec, round-trips metadata and lists and misses on another shape or name") {
  const state::BlueprintVersion version{"shop", "web", 3, std::string(64, 'b'), "", "", "ana", "t"};
  const auto value = state::blueprint_metadata_to_cache(version);
  const auto back = state::blueprint_metadata_from_cache(value, "shop", "web", 3);
  REQUIRE(back);
  CHECK(back->content_hash == version.content_hash);
  CHECK_FALSE(state::blueprint_metadata_from_cache(value, "shop", "web", 4));
  CHECK_FALSE(state::blueprint_metadata_from_cache("{\"project\":1}", "shop", "web", 3));
  CHECK(state::blueprint_reference_key("db.t1", "shop", "web", 3) == "dharma:v1:t:db.t1:bpref:shop/web@3");
  CHECK(state::blueprint_source_key("db.t1", "h") == "dharma:v1:t:db.t1:bpsrc:h");
  CHECK(state::blueprint_list_key("db.t1", "") == "dharma:v1:t:db.t1:bplist:*all");

  const std::vector<state::BlueprintSummary> list{{"shop", "web", 2, "t"}};
  const auto decoded = state::blueprint_list_from_cache(state::blueprint_list_to_cache(list));
  REQUIRE(decoded);
  CHECK(decoded->at(0).latest_version == 2);
  CHECK_FALSE(state::blueprint_list_from_cache("[{\"project\":\"x\"}]"));
  CHECK_FALSE(state::blueprint_list_from_cache("nope"));
}

TEST_CASE("statement_for, gives each named operation its statement; pgbench draws push's source at random") {
  const state::StoreTarget target{k_tenant, "shop", "web", 2};
  CHECK_FALSE(state::store_operation_named("pull_uncached"));
  CHECK(state::statement_for(*state::store_operation_named("pull"), target).params[3] == "2");
  CHECK(state::statement_for(*state::store_operation_named("list"), target).sql ==
        state::blueprint_list_statement(k_tenant, "shop").sql);
  CHECK(state::statement_for(*state::store_operation_named("usage"), target).params ==
        std::vector<state::StatementValue>{k_tenant});
  CHECK(state::statement_for(*state::store_operation_named("api-calls"), target).writes);
  const auto push = state::statement_for(*state::store_operation_named("push"), target);
  const auto script = state::pgbench_script(push, state::k_push_source_param);
  CHECK(script.script ==
        "\\set random random(1, 2000000000)\n"
        "SELECT * FROM dharma_blueprint_push(:p1, :p2, :p3, :random, :p5, :p6);\n");
  CHECK(script.defines.size() == 5);
  CHECK(script.defines[3] == "p5={}");
}
