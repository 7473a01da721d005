#include "dharma/drift/ignore_file.hpp"

#include <algorithm>

#include "dharma/util/text.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/map_reader.hpp"

namespace dharma::drift {
namespace {

bool valid_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
  }
  const int year = std::stoi(text.substr(0, 4));
  const int month = std::stoi(text.substr(5, 2));
  const int day = std::stoi(text.substr(8, 2));
  static const int k_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month >= 1 && month <= 12 && day >= 1 && day <= (month == 2 && !leap ? 28 : k_days[month - 1]);
}

bool path_matches(const std::string& pattern, const std::string& path) {
  return util::glob_match(pattern, path) || util::starts_with(path, pattern + ".") ||
         util::starts_with(path, pattern + "[");
}

std::string where(const IgnoreEntry& entry) {
  return entry.location.file + ":" + std::to_string(entry.location.line);
}

std::string yaml_quoted(const std::string& text) {
  return "'" + util::replace_all(text, "'", "''") + "'";
}

}  // namespace

std::vector<IgnoreEntry> read_ignore_file(const std::string& file, util::Diagnostics& diagnostics) {
  std::vector<IgnoreEntry> entries;
  const auto root = yaml::load_file(file, diagnostics);
  if (root == nullptr || root->is_null()) {
    return entries;
  }
  yaml::MapReader reader(*root, "drift ignore file", diagnostics);
  reader.allow_only({"ignore"});
  const auto* list = reader.sequence("ignore");
  if (list == nullptr) {
    return entries;
  }
  for (const auto& item : list->items) {
    yaml::MapReader entry_reader(*item, "ignore entry", diagnostics);
    if (!entry_reader.is_map()) {
      continue;
    }
    entry_reader.allow_only({"address", "path", "reason", "expires"});
    IgnoreEntry entry;
    entry.location = item->location();
    entry.address = entry_reader.string("address", yaml::Need::required).value_or("");
    entry.path = entry_reader.string("path").value_or("");
    entry.reason = entry_reader.string("reason", yaml::Need::required).value_or("");
    if (const auto* reason = item->find("reason"); reason != nullptr && util::trim(entry.reason) == "TODO") {
      entry_reader.error(*reason,
                         "the reason of this ignore entry is still TODO: say why this drift is "
                         "accepted (dharma drift --write-ignore leaves TODO for a person to fill in)");
    }
    if (auto expires = entry_reader.string("expires")) {
      if (!valid_date(*expires)) {
        entry_reader.error(*item->find("expires"),
                           "'expires' in ignore entry must be a date YYYY-MM-DD, not '" + *expires + "'");
      }
      entry.expires = *expires;
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

void apply_ignores(const std::vector<IgnoreEntry>& entries, const std::string& today, DriftReport& report) {
  std::vector<const IgnoreEntry*> active;
  for (const auto& entry : entries) {
    if (!entry.expires.empty() && entry.expires < today) {
      report.notes.push_back("the ignore entry at " + where(entry) + " for " + entry.address +
                             (entry.path.empty() ? "" : " " + entry.path) + " expired on " + entry.expires +
                             " and no longer hides drift; renew it with a reason or fix the drift");
    } else {
      active.push_back(&entry);
    }
  }
  for (auto& finding : report.resources) {
    if (!finding.drifted()) {
      continue;
    }
    for (const auto* entry : active) {
      if (!util::glob_match(entry->address, finding.address)) {
        continue;
      }
      if (entry->path.empty()) {
        report.ignored.push_back({finding.address, "", finding.status, entry->reason, entry->location});
        finding.status = Status::in_sync;
        finding.changes.clear();
        break;
      }
      auto& changes = finding.changes;
      const auto kept = std::stable_partition(changes.begin(), changes.end(), [&](const Change& change) {
        return !path_matches(entry->path, change.path);
      });
      for (auto it = kept; it != changes.end(); ++it) {
        report.ignored.push_back(
            {finding.address, it->path, Status::changed, entry->reason, entry->location});
      }
      changes.erase(kept, changes.end());
      if (finding.status == Status::changed && changes.empty()) {
        finding.status = Status::in_sync;
        break;
      }
    }
    if (finding.status == Status::changed) {
      finding.severity = Severity::low;
      for (const auto& change : finding.changes) {
        finding.severity = std::max(finding.severity, change.severity);
      }
    }
  }
}

std::string ignore_file_for(const DriftReport& report) {
  std::string text =
      "# Drift accepted on purpose (dharma drift --write-ignore). Replace every TODO with the reason;\n"
      "# dharma refuses this file until then. Add `expires: YYYY-MM-DD` to review an entry later.\n"
      "ignore:\n";
  for (const auto& finding : report.resources) {
    if (finding.status == Status::changed) {
      for (const auto& change : finding.changes) {
        text += "  - address: " + yaml_quoted(finding.address) + "\n    path: " + yaml_quoted(change.path) +
                "\n    reason: TODO\n";
      }
    } else if (finding.drifted()) {
      text += "  - address: " + yaml_quoted(finding.address) + "   # " + status_name(finding.status) +
              "\n    reason: TODO\n";
    }
  }
  return text;
}

}  // namespace dharma::drift
