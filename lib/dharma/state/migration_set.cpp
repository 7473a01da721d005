#include "dharma/state/migration_set.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "dharma/state/checksum.hpp"
#include "dharma/state/sql_script.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/text.hpp"

namespace dharma::state {
namespace {

constexpr std::size_t k_max_version_digits = 15;

// Parses `V<digits>__<description>.sql`; false when `name` does not match.
bool parse_name(const std::string& name, std::int64_t& version, std::string& description) {
  if (name.size() < 8 || name[0] != 'V' || !util::ends_with(name, ".sql")) {
    return false;
  }
  std::size_t pos = 1;
  while (pos < name.size() && std::isdigit(static_cast<unsigned char>(name[pos]))) {
    ++pos;
  }
  const std::size_t digits = pos - 1;
  if (digits == 0 || digits > k_max_version_digits || name.compare(pos, 2, "__") != 0) {
    return false;
  }
  const std::string stem = name.substr(pos + 2, name.size() - 4 - (pos + 2));
  if (stem.empty()) {
    return false;
  }
  version = std::stoll(name.substr(1, digits));
  description = util::replace_all(stem, "_", " ");
  return true;
}

}  // namespace

std::vector<MigrationFile> load_migrations(const std::filesystem::path& directory) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    throw util::Error("migrations directory " + directory.string() +
                      " does not exist; pass --dir or set DHARMA_HOME");
  }
  std::vector<MigrationFile> files;
  std::map<std::int64_t, std::string> seen;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !util::ends_with(name, ".sql")) {
      continue;
    }
    MigrationFile file;
    if (!parse_name(name, file.version, file.description)) {
      throw util::Error(entry.path().string() +
                        ": error: migration file names must look like V001__what_it_does.sql");
    }
    if (auto [it, inserted] = seen.emplace(file.version, name); !inserted) {
      throw util::Error(entry.path().string() + ": error: version " + std::to_string(file.version) +
                        " is also used by " + it->second + "; each version must be unique");
    }
    const std::string raw = util::read_file(entry.path());
    file.script = name;
    file.path = entry.path();
    file.checksum = migration_checksum(raw);
    file.content = normalize_line_endings(raw);
    file.no_transaction = is_no_transaction(file.content);
    files.push_back(std::move(file));
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return files;
}

std::string next_migration_name(const std::vector<MigrationFile>& existing, const std::string& name) {
  std::string words;
  bool pending_separator = false;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (pending_separator && !words.empty()) {
        words.push_back('_');
      }
      words.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      pending_separator = false;
    } else {
      pending_separator = true;
    }
  }
  if (words.empty()) {
    throw util::Error("migration name " + util::quoted(name) + " needs at least one letter or digit");
  }
  const std::int64_t next = existing.empty() ? 1 : existing.back().version + 1;
  std::string number = std::to_string(next);
  if (number.size() < 3) {
    number.insert(0, 3 - number.size(), '0');
  }
  return "V" + number + "__" + words + ".sql";
}

}  // namespace dharma::state
