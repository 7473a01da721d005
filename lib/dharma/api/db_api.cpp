#include "dharma/api/db_api.hpp"

#include <nlohmann/json.hpp>

#include "dharma/api/connections.hpp"
#include "dharma/state/migration_set.hpp"
#include "dharma/state/migrator.hpp"
#include "dharma/util/connection_url.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"

namespace dharma::api {
namespace {

// --dir, else data_directory()/migrations: dharma's own schema files.
std::filesystem::path resolve_directory(const DbOptions& options, CommandContext& context) {
  return options.migrations_dir.empty() ? context.data_directory() / "migrations"
                                        : std::filesystem::path(options.migrations_dir);
}

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : text + std::string(width - text.size(), ' ');
}

void print_plan_table(const state::MigrationPlan& plan, std::ostream& out) {
  const std::vector<std::string> header = {"VERSION", "DESCRIPTION", "STATE", "APPLIED AT", "BY", "TIME"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& entry : plan.entries) {
    const bool recorded = !entry.applied_at.empty();
    rows.push_back({std::to_string(entry.version), entry.description, state::state_name(entry.state),
                    recorded ? entry.applied_at : "-", recorded ? entry.applied_by : "-",
                    recorded ? std::to_string(entry.execution_ms) + " ms" : "-"});
  }
  std::vector<std::size_t> widths(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    widths[i] = header[i].size();
    for (const auto& row : rows) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  const auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += i + 1 == row.size() ? row[i] : pad(row[i], widths[i] + 2);
    }
    out << line << '\n';
  };
  print_row(header);
  for (const auto& row : rows) {
    print_row(row);
  }
}

std::string summary(const state::MigrationPlan& plan) {
  using state::MigrationState;
  return std::to_string(plan.count(MigrationState::applied)) + " applied, " +
         std::to_string(plan.count(MigrationState::pending)) + " pending, " +
         std::to_string(plan.count(MigrationState::failed)) + " failed, " +
         std::to_string(plan.count(MigrationState::changed)) + " changed, " +
         std::to_string(plan.count(MigrationState::missing)) + " missing";
}

nlohmann::json plan_json(const state::MigrationPlan& plan, const state::Endpoint& endpoint) {
  nlohmann::json migrations = nlohmann::json::array();
  for (const auto& entry : plan.entries) {
    migrations.push_back({{"version", entry.version},
                          {"description", entry.description},
                          {"script", entry.script},
                          {"state", state::state_name(entry.state)},
                          {"checksum", entry.file != nullptr ? entry.file->checksum : ""},
                          {"recorded_checksum", entry.recorded_checksum},
                          {"applied_by", entry.applied_by},
                          {"applied_at", entry.applied_at},
                          {"execution_ms", entry.execution_ms}});
  }
  using state::MigrationState;
  return {{"database", util::mask_password(endpoint.url)},
          {"version", plan.current_version},
          {"migrations", migrations},
          {"summary",
           {{"applied", plan.count(MigrationState::applied)},
            {"pending", plan.count(MigrationState::pending)},
            {"failed", plan.count(MigrationState::failed)},
            {"changed", plan.count(MigrationState::changed)},
            {"missing", plan.count(MigrationState::missing)}}}};
}

}  // namespace

int db_migrate(const DbOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const auto& to = options.to;
  const auto files = state::load_migrations(resolve_directory(options, context));
  const auto settings = resolve_connections(options.connection, context);
  state::Migrator migrator(settings, files, context.status());
  if (options.dry_run) {
    const auto plan = migrator.plan();
    const auto pending = plan.to_apply(to.value_or(std::numeric_limits<std::int64_t>::max()));
    out << "-- dry run against " << settings.migration.describe() << ": " << pending.size()
        << " migration(s) would be applied, nothing was changed\n";
    for (const auto* file : pending) {
      out << "\n-- " << file->script
          << (file->no_transaction ? " (no transaction, statement by statement on " +
                                         util::mask_password(settings.direct.url) + ")"
                                   : " (one transaction)")
          << "\n"
          << file->content;
      if (!file->content.empty() && file->content.back() != '\n') {
        out << '\n';
      }
    }
    return 0;
  }
  state::MigrateOptions migrate_options;
  if (to) {
    migrate_options.target = *to;
  }
  migrate_options.lock_wait = std::chrono::seconds(options.lock_timeout_seconds);
  const auto result = migrator.migrate(migrate_options);
  if (result.applied.empty()) {
    out << "database is up to date at version " << result.version << '\n';
  } else {
    out << "applied " << result.applied.size() << " migration(s); database at version " << result.version
        << '\n';
  }
  return 0;
}

int db_status(const DbOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const auto files = state::load_migrations(resolve_directory(options, context));
  const auto settings = resolve_connections(options.connection, context);
  const auto plan = state::Migrator(settings, files, context.status()).plan();
  if (options.format == "json") {
    out << plan_json(plan, settings.migration).dump(2) << '\n';
  } else {
    print_plan_table(plan, out);
    out << "\n"
        << summary(plan) << "; database " << util::mask_password(settings.migration.url) << " at version "
        << plan.current_version << '\n';
  }
  return 0;
}

int db_verify(const DbOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const auto files = state::load_migrations(resolve_directory(options, context));
  const auto settings = resolve_connections(options.connection, context);
  const auto plan = state::Migrator(settings, files, context.status()).plan();
  int problems = 0;
  for (const auto& entry : plan.entries) {
    using state::MigrationState;
    if (entry.state == MigrationState::changed) {
      out << entry.script << ": changed since it was applied (recorded " << entry.recorded_checksum
          << ", file " << entry.file->checksum << ")\n";
      ++problems;
    } else if (entry.state == MigrationState::missing) {
      out << entry.script << ": applied but the file is missing\n";
      ++problems;
    } else if (entry.state == MigrationState::failed) {
      out << entry.script << ": last attempt failed\n";
      ++problems;
    }
  }
  if (problems > 0) {
    context.err() << "dharma: error: " << problems << " migration(s) do not match the database; "
                  << "restore the files, or run `dharma db repair` if the edits are deliberate\n";
    return util::to_int(util::ExitCode::refused);
  }
  out << "verified: " << summary(plan) << '\n';
  return 0;
}

int db_baseline(const DbOptions& options, CommandContext& context) {
  const std::int64_t version = options.baseline_version;
  const auto files = state::load_migrations(resolve_directory(options, context));
  const auto settings = resolve_connections(options.connection, context);
  state::Migrator(settings, files, context.status())
      .baseline(version, std::chrono::seconds(options.lock_timeout_seconds));
  context.out() << "baselined " << util::mask_password(settings.migration.url) << " at version " << version
                << "; files up to V" << version << " will not be applied\n";
  return 0;
}

int db_repair(const DbOptions& options, CommandContext& context) {
  std::ostream& out = context.out();
  const auto files = state::load_migrations(resolve_directory(options, context));
  const auto settings = resolve_connections(options.connection, context);
  const auto changes = state::Migrator(settings, files, context.status())
                           .repair(std::chrono::seconds(options.lock_timeout_seconds));
  for (const auto& change : changes) {
    out << change << '\n';
  }
  if (changes.empty()) {
    out << "nothing to repair\n";
  }
  return 0;
}

int db_new(const DbOptions& options, CommandContext& context) {
  const std::string& name = options.name;
  const auto directory = resolve_directory(options, context);
  const auto files = state::load_migrations(directory);
  const auto file_name = state::next_migration_name(files, name);
  const auto path = directory / file_name;
  util::write_file_atomic(path,
                          "-- " + file_name +
                              ": runs in one transaction under `dharma db migrate`.\n"
                              "-- Make the first line `-- dharma:no-transaction` to run it statement by "
                              "statement outside a transaction\n"
                              "-- (CREATE INDEX CONCURRENTLY); such files must be safe to run again.\n\n");
  context.out() << path.string() << '\n';
  return 0;
}

}  // namespace dharma::api
