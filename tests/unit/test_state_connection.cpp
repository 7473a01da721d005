// Connection URLs and settings: masking, precedence, dharma.yaml errors.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "dharma/state/connection_settings.hpp"
#include "dharma/util/connection_url.hpp"
#include "dharma/util/diagnosed_error.hpp"
#include "dharma/util/error.hpp"

using namespace dharma::state;

namespace {

// Sets or unsets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) {
      m_old = old;
    }
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() { m_old ? setenv(m_name, m_old->c_str(), 1) : unsetenv(m_name); }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

std::filesystem::path scratch_file(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::temp_directory_path() / ("dharma-unit-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path) << content;
  return path;
}

}  // namespace

TEST_CASE("mask_password, hides the password in every URL form") {
  SUBCASE("URI with user and password") {
    CHECK(dharma::util::mask_password("postgresql://app:s3cret@127.0.0.1:56432/dharma") ==
          "postgresql://app:****@127.0.0.1:56432/dharma");
  }
  SUBCASE("URI with @ in the password is masked up to the last @ of the authority") {
    CHECK(dharma::util::mask_password("postgresql://app:p@ss@db/x") == "postgresql://app:****@db/x");
  }
  SUBCASE("URI without a password is unchanged") {
    CHECK(dharma::util::mask_password("postgresql://app@db:5432/x") == "postgresql://app@db:5432/x");
    CHECK(dharma::util::mask_password("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0");
  }
  SUBCASE("redis URI with only a password") {
    CHECK(dharma::util::mask_password("redis://:topsecret@cache:6379/0") == "redis://:****@cache:6379/0");
  }
  SUBCASE("password as a URI query parameter") {
    CHECK(dharma::util::mask_password("postgresql://db/x?user=a&password=hunter2&sslmode=require") ==
          "postgresql://db/x?user=a&password=****&sslmode=require");
  }
  SUBCASE("libpq key=value form, plain and quoted") {
    CHECK(dharma::util::mask_password("host=db password=hunter2 dbname=x") ==
          "host=db password=**** dbname=x");
    CHECK(dharma::util::mask_password("host=db password = 'a b' dbname=x") ==
          "host=db password = **** dbname=x");
  }
}

TEST_CASE("mask_secrets_in, removes the password from server messages") {
  const std::string url = "postgresql://app:hunter22@db/x";
  CHECK(dharma::util::mask_secrets_in(
            "could not connect to postgresql://app:hunter22@db/x: hunter22 rejected", url) ==
        "could not connect to postgresql://app:****@db/x: **** rejected");
  CHECK(dharma::util::mask_secrets_in("nothing secret", "postgresql://db/x") == "nothing secret");
}

TEST_CASE("with_database, swaps the database name") {
  CHECK(dharma::util::with_database("postgresql://u:p@h:1/dharma", "t1") == "postgresql://u:p@h:1/t1");
  CHECK(dharma::util::with_database("postgresql://u:p@h:1/dharma?sslmode=disable", "t1") ==
        "postgresql://u:p@h:1/t1?sslmode=disable");
  CHECK(dharma::util::with_database("postgresql://h:1", "t1") == "postgresql://h:1/t1");
  CHECK(dharma::util::with_database("host=h dbname=a", "t1") == "host=h dbname=a dbname=t1");
}

TEST_CASE("resolve_connection_settings, flags beat environment beat dharma.yaml beat defaults") {
  const auto config =
      scratch_file("precedence.yaml",
                   "database:\n  url: postgresql://file@h/d\n  direct_url: postgresql://filed@h/d\n"
                   "redis:\n  url: redis://file:1/0\n");
  ScopedEnv database("DHARMA_DATABASE_URL", "postgresql://env@h/d");
  ScopedEnv migration("DHARMA_DATABASE_MIGRATION_URL", nullptr);
  ScopedEnv direct("DHARMA_DATABASE_DIRECT_URL", nullptr);
  ScopedEnv redis("DHARMA_REDIS_URL", nullptr);
  ConnectionFlags flags;
  flags.redis_url = "redis://flag:1/0";
  const auto settings = resolve_connection_settings(flags, config);
  CHECK(settings.database.url == "postgresql://env@h/d");
  CHECK(settings.database.source == "DHARMA_DATABASE_URL");
  CHECK(settings.direct.url == "postgresql://filed@h/d");
  CHECK(settings.direct.source == "precedence.yaml:3:15");
  CHECK(settings.redis.url == "redis://flag:1/0");
  SUBCASE("without a migration URL, migrations use the given direct URL") {
    CHECK(settings.migration.url == "postgresql://filed@h/d");
  }
}

TEST_CASE("resolve_connection_settings, defaults point at the local stack") {
  ScopedEnv database("DHARMA_DATABASE_URL", nullptr);
  ScopedEnv migration("DHARMA_DATABASE_MIGRATION_URL", nullptr);
  ScopedEnv direct("DHARMA_DATABASE_DIRECT_URL", nullptr);
  const auto settings = resolve_connection_settings({}, "/nonexistent/dharma.yaml");
  CHECK(settings.database.url == "postgresql://dharma_app@127.0.0.1:56432/dharma");
  CHECK(settings.migration.url == "postgresql://dharma_owner@127.0.0.1:56432/dharma");
  CHECK(settings.direct.url == "postgresql://dharma_owner@127.0.0.1:55432/dharma");
  CHECK(settings.database.source == "default");
  CHECK(Endpoint{"postgresql://a:b@h/d", "--url", "PgBouncer"}.describe() ==
        "postgresql://a:****@h/d (PgBouncer, from --url)");
}

TEST_CASE(
    "resolve_connection_settings, a running local stack replaces the defaults only when nothing is "
    "configured") {
  ScopedEnv database("DHARMA_DATABASE_URL", nullptr);
  ScopedEnv migration("DHARMA_DATABASE_MIGRATION_URL", nullptr);
  ScopedEnv direct("DHARMA_DATABASE_DIRECT_URL", nullptr);
  ScopedEnv redis("DHARMA_REDIS_URL", nullptr);
  const LocalStack stack{"/srv/stack", "postgresql://dharma_app:a@127.0.0.1:7/dharma",
                         "postgresql://dharma_owner:o@127.0.0.1:7/dharma",
                         "postgresql://dharma_owner:o@127.0.0.1:6/dharma", "redis://127.0.0.1:8/0"};
  SUBCASE("nothing configured: every endpoint is the stack's") {
    const auto settings = resolve_connection_settings({}, "/nonexistent/dharma.yaml", stack);
    CHECK(settings.from_local_stack);
    CHECK(settings.database.url == stack.database_url);
    CHECK(settings.migration.url == stack.migration_url);
    CHECK(settings.direct.url == stack.direct_url);
    CHECK(settings.redis.url == stack.redis_url);
    CHECK(
        settings.migration.describe() ==
        "postgresql://dharma_owner:****@127.0.0.1:7/dharma (PgBouncer, from the local stack in /srv/stack)");
  }
  SUBCASE("one endpoint configured: the stack is not mixed in") {
    ScopedEnv only("DHARMA_REDIS_URL", "redis://cache:6379/0");
    const auto settings = resolve_connection_settings({}, "/nonexistent/dharma.yaml", stack);
    CHECK_FALSE(settings.from_local_stack);
    CHECK(settings.database.source == "default");
    CHECK(settings.redis.source == "DHARMA_REDIS_URL");
  }
}

TEST_CASE("find_running_local_stack, a stack that is not running is not used") {
  const auto dir = scratch_file("secrets.env", "owner_password=o\napp_password=a\n").parent_path();
  CHECK_FALSE(find_running_local_stack(dir).has_value());  // no pid file
  std::filesystem::create_directories(dir / "pgbouncer");
  std::ofstream(dir / "pgbouncer" / "pgbouncer.pid") << getpid() << "\n";  // alive, but not a pgbouncer
  CHECK_FALSE(find_running_local_stack(dir).has_value());
  CHECK_FALSE(find_running_local_stack("/nonexistent/stack").has_value());
}

TEST_CASE("resolve_connection_settings, rejects unknown keys in dharma.yaml") {
  const auto config = scratch_file("typo.yaml", "database:\n  ulr: postgresql://h/d\n");
  CHECK_THROWS_AS(resolve_connection_settings({}, config), dharma::util::Reported);
}

TEST_CASE("resolve_connection_settings, reports every mistake in dharma.yaml the way other files do") {
  const auto config =
      scratch_file("mistakes.yaml", "database:\n  ulr: postgresql://h/d\n  direct_url: [a]\nredis: 6379\n");
  std::vector<std::string> messages;
  try {
    resolve_connection_settings({}, config);
  } catch (const dharma::util::DiagnosedError& error) {
    for (const auto& item : error.diagnostics().all()) {
      messages.push_back(dharma::util::format_diagnostic(item));
    }
  }
  const std::string file = config.string();
  CHECK(
      messages ==
      std::vector<std::string>{
          file +
              ":2:3: error: unknown key 'ulr' in the 'database' section of dharma.yaml (did you mean 'url'?)",
          file + ":3:15: error: 'direct_url' in the 'database' section of dharma.yaml must be a non-empty "
                 "string, not a list",
          file + ":4:8: error: 'redis' in dharma.yaml must be a mapping, not an integer"});
}
