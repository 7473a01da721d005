// Migration files: checksums, SQL splitting, names, plans and failure places.
#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>

#include "dharma/state/checksum.hpp"
#include "dharma/state/migration_failure.hpp"
#include "dharma/state/migration_plan.hpp"
#include "dharma/state/migration_set.hpp"
#include "dharma/state/sql_script.hpp"
#include "dharma/util/error.hpp"

using namespace dharma::state;

namespace {

std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("dharma-unit-" + std::to_string(getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write(const std::filesystem::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

}  // namespace

TEST_CASE("migration_checksum, is SHA-256 of LF-normalised text") {
  CHECK(migration_checksum("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(migration_checksum("a;\r\nb;\r\n") == migration_checksum("a;\nb;\n"));
  CHECK(migration_checksum("a;\rb;\r") == migration_checksum("a;\nb;\n"));
  CHECK(migration_checksum("a;\nb;\n") != migration_checksum("a;\nb; \n"));
}

TEST_CASE("split_sql, splits on semicolons outside quotes and comments") {
  const std::string script =
      "-- a comment; not a statement\n"
      "CREATE TABLE t (x text DEFAULT 'a;b''c');\n"
      "/* block ; /* nested ; */ still */ INSERT INTO t VALUES (E'\\';');\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;\n"
      "SELECT \"odd;name\" FROM t\n";
  const auto statements = split_sql(script, "V1__x.sql");
  REQUIRE(statements.size() == 4);
  CHECK(statements[0].text == "CREATE TABLE t (x text DEFAULT 'a;b''c');");
  CHECK(statements[0].line == 2);
  CHECK(statements[1].text == "INSERT INTO t VALUES (E'\\';');");
  CHECK(statements[1].line == 3);
  CHECK(statements[1].column == 36);
  CHECK(statements[2].text == "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;");
  CHECK(statements[3].text == "SELECT \"odd;name\" FROM t");
  CHECK(statements[3].line == 5);
}

TEST_CASE("split_sql, treats $1 as a parameter, not a dollar quote") {
  const auto statements = split_sql("PREPARE p AS SELECT $1; SELECT 2;", "f.sql");
  CHECK(statements.size() == 2);
}

TEST_CASE("split_sql, reports unterminated quotes with their line") {
  SUBCASE("string") {
    CHECK_THROWS_WITH(split_sql("SELECT 1;\nSELECT 'x;\n", "f.sql"), "f.sql:2: unterminated string literal");
  }
  SUBCASE("dollar quote") {
    CHECK_THROWS_WITH(split_sql("DO $$ BEGIN", "f.sql"), "f.sql:1: unterminated dollar-quoted string");
  }
  SUBCASE("comment") {
    CHECK_THROWS_WITH(split_sql("/* x", "f.sql"), "f.sql:1: unterminated /* comment");
  }
}

TEST_CASE("is_no_transaction, looks only at the first line") {
  CHECK(is_no_transaction("-- dharma:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);"));
  CHECK(is_no_transaction("-- dharma:no-transaction  \n"));
  CHECK_FALSE(is_no_transaction("\n-- dharma:no-transaction\n"));
  CHECK_FALSE(is_no_transaction("-- dharma:no-transactions\n"));
}

TEST_CASE("load_migrations, orders files by version and normalises content") {
  const auto dir = scratch_dir("load");
  write(dir / "V010__later.sql", "SELECT 10;\r\n");
  write(dir / "V002__add_users.sql", "-- dharma:no-transaction\nSELECT 2;\n");
  write(dir / "README.md", "not a migration");
  const auto files = load_migrations(dir);
  REQUIRE(files.size() == 2);
  CHECK(files[0].version == 2);
  CHECK(files[0].description == "add users");
  CHECK(files[0].no_transaction);
  CHECK(files[1].version == 10);
  CHECK(files[1].content == "SELECT 10;\n");
  CHECK(files[1].checksum == migration_checksum("SELECT 10;\n"));
}

TEST_CASE("load_migrations, rejects bad names and duplicate versions") {
  SUBCASE("bad name") {
    const auto dir = scratch_dir("badname");
    write(dir / "V1_missing_separator.sql", "");
    CHECK_THROWS_AS(load_migrations(dir), dharma::util::Error);
  }
  SUBCASE("duplicate version") {
    const auto dir = scratch_dir("duplicate");
    write(dir / "V1__a.sql", "");
    write(dir / "V001__b.sql", "");
    CHECK_THROWS_AS(load_migrations(dir), dharma::util::Error);
  }
  SUBCASE("missing directory") {
    CHECK_THROWS_AS(load_migrations("/nonexistent/migrations"), dharma::util::Error);
  }
}

TEST_CASE("next_migration_name, numbers after the last file") {
  std::vector<MigrationFile> files(1);
  files[0].version = 9;
  CHECK(next_migration_name(files, "Add audit index!") == "V010__add_audit_index.sql");
  CHECK(next_migration_name({}, "core") == "V001__core.sql");
  CHECK_THROWS_AS(next_migration_name(files, "--"), dharma::util::Error);
}

TEST_CASE("build_plan, combines files and history") {
  std::vector<MigrationFile> files(4);
  for (int i = 0; i < 4; ++i) {
    files[i].version = i + 1;
    files[i].script = "V" + std::to_string(i + 1) + "__f.sql";
    files[i].checksum = "sum" + std::to_string(i + 1);
  }
  const auto row = [](std::int64_t version, const std::string& checksum, bool success) {
    HistoryRow item;
    item.version = version;
    item.type = "SQL";
    item.checksum = checksum;
    item.success = success;
    return item;
  };
  SUBCASE("applied, changed, failed, pending and missing") {
    std::vector<HistoryRow> history = {row(1, "sum1", true), row(2, "edited", true), row(3, "sum3", false),
                                       row(7, "sum7", true)};
    const auto plan = build_plan(files, history);
    REQUIRE(plan.entries.size() == 5);
    CHECK(plan.entries[0].state == MigrationState::applied);
    CHECK(plan.entries[1].state == MigrationState::changed);
    CHECK(plan.entries[2].state == MigrationState::failed);
    CHECK(plan.entries[3].state == MigrationState::pending);
    CHECK(plan.entries[4].state == MigrationState::missing);
    CHECK(plan.current_version == 7);
    CHECK(plan.to_apply(3).size() == 1);
    CHECK(plan.to_apply(100).size() == 2);
  }
  SUBCASE("baseline covers earlier files") {
    HistoryRow baseline = row(2, "", true);
    baseline.type = "BASELINE";
    const auto plan = build_plan(files, {baseline});
    CHECK(plan.entries[0].state == MigrationState::below_baseline);
    CHECK(plan.entries[1].state == MigrationState::baseline);
    CHECK(plan.entries[2].state == MigrationState::pending);
    CHECK(plan.current_version == 2);
    CHECK(plan.to_apply(100).size() == 2);
  }
}

TEST_CASE("locate_failure, maps the server's LINE context into the file") {
  SqlStatement statement{"CREATE TABLE t (\n  x intt\n);", 10, 1};
  SUBCASE("syntax error on the statement's second line") {
    const auto place =
        locate_failure(statement, "ERROR:  type \"intt\" does not exist\nLINE 2:   x intt\n            ^\n");
    CHECK(place.line == 11);
    CHECK(place.column == 5);
    CHECK(place.message == "type \"intt\" does not exist");
  }
  SUBCASE("runtime error without context points at the statement") {
    const auto place =
        locate_failure(statement, "ERROR:  duplicate key value\nDETAIL:  Key (id)=(1) already exists.\n");
    CHECK(place.line == 10);
    CHECK(place.column == 1);
    CHECK(place.message == "duplicate key value; DETAIL:  Key (id)=(1) already exists.");
  }
}
