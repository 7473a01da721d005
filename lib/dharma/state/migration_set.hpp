#pragma once
// The migration files on disk: `V<number>__<description>.sql` in one folder,
// Flyway-style (V001__core.sql is version 1, description "core"). Versions are
// whole numbers; leading zeros only pad the name.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dharma::state {

struct MigrationFile {
  std::int64_t version = 0;
  std::string description;  // "tenants and quotas" from V002__tenants_and_quotas.sql
  std::string script;       // the file name
  std::filesystem::path path;
  std::string content;          // line endings normalised to LF
  std::string checksum;         // migration_checksum() of the file
  bool no_transaction = false;  // first line `-- dharma:no-transaction`
};

// Every V*.sql file in `directory`, ordered by version. Throws util::Error
// (exit 2) for a missing directory, a .sql file whose name does not follow
// the pattern, or two files with the same version.
std::vector<MigrationFile> load_migrations(const std::filesystem::path& directory);

// The file name `dharma db new NAME` creates after `existing`: the next
// version, zero-padded to at least 3 digits, with NAME's words joined by `_`.
// Throws util::Error (exit 2) when NAME has no letters or digits.
std::string next_migration_name(const std::vector<MigrationFile>& existing, const std::string& name);

}  // namespace dharma::state
