// `dharma db migrate|status|verify|baseline|repair|new`: dharma's own schema
// in PostgreSQL (lib/dharma/api/db_api.hpp).

#include "command.hpp"
#include "dharma/api/db_api.hpp"
#include "shared_flags.hpp"

namespace dharma::cli {
namespace {

struct DbFlags {
  api::DbOptions options;
  std::string migration_url, direct_url;
  std::int64_t to = 0;
};

void add_connection_flags(CLI::App& command, DbFlags& flags) {
  command.add_option("--migration-url", flags.migration_url,
                     "Schema-owner URL, usually through PgBouncer (else DHARMA_DATABASE_MIGRATION_URL)");
  command.add_option("--direct-url", flags.direct_url,
                     "Schema-owner URL straight to PostgreSQL (else DHARMA_DATABASE_DIRECT_URL)");
  command.add_option("--dir", flags.options.migrations_dir,
                     "Folder of V*.sql files (default: dharma's migrations/)");
  command
      .add_option("--lock-timeout", flags.options.lock_timeout_seconds,
                  "Seconds to wait for another migrator before exiting 4")
      ->default_val(60)
      ->check(CLI::Range(1, 86400));
}

void finish_flags(DbFlags& flags) {
  if (!flags.migration_url.empty()) {
    flags.options.connection.migration_url = flags.migration_url;
  }
  if (!flags.direct_url.empty()) {
    flags.options.connection.direct_url = flags.direct_url;
  }
}

}  // namespace

DHARMA_COMMAND("db", [](CLI::App& app, api::CommandContext& context, int& exit_code) {
  auto flags = std::make_shared<DbFlags>();
  auto* db = app.add_subcommand("db", "Migrate dharma's schema in PostgreSQL");
  db->require_subcommand(1);
  // Each subcommand: its flags finished, then its entry point.
  const auto run = [flags, &context, &exit_code](int (*entry)(const api::DbOptions&, api::CommandContext&)) {
    return [flags, entry, &context, &exit_code] {
      finish_flags(*flags);
      exit_code = entry(flags->options, context);
    };
  };

  auto* migrate = db->add_subcommand("migrate", "Apply pending migrations, each file in one transaction");
  add_connection_flags(*migrate, *flags);
  auto* to = migrate->add_option("--to", flags->to, "Stop after this version")->check(CLI::PositiveNumber);
  migrate->add_flag("--dry-run", flags->options.dry_run, "Print the plan and the SQL; change nothing");
  migrate->callback([flags, to, &context, &exit_code] {
    finish_flags(*flags);
    if (to->count() > 0) {
      flags->options.to = flags->to;
    }
    exit_code = api::db_migrate(flags->options, context);
  });

  auto* status = db->add_subcommand("status", "Applied, pending, failed and changed migrations");
  add_connection_flags(*status, *flags);
  add_format_flag(*status, flags->options.format, {"text", "json"}, "text or json", false);
  status->callback(run(api::db_status));

  auto* verify = db->add_subcommand("verify", "Exit 4 when applied migrations differ from the files");
  add_connection_flags(*verify, *flags);
  verify->callback(run(api::db_verify));

  auto* baseline = db->add_subcommand("baseline", "Adopt an existing database at a version");
  add_connection_flags(*baseline, *flags);
  baseline->add_option("--version", flags->options.baseline_version, "Version the database already has")
      ->required()
      ->check(CLI::PositiveNumber);
  baseline->callback(run(api::db_baseline));

  auto* repair = db->add_subcommand("repair", "Accept edited checksums, drop failed rows and dead leases");
  add_connection_flags(*repair, *flags);
  repair->callback(run(api::db_repair));

  auto* create = db->add_subcommand("new", "Create the next numbered migration file");
  create->add_option("NAME", flags->options.name, "What the migration does, e.g. add_audit_index")
      ->required();
  create->add_option("--dir", flags->options.migrations_dir, "Folder of V*.sql files");
  create->callback([flags, &context, &exit_code] { exit_code = api::db_new(flags->options, context); });
});

}  // namespace dharma::cli
