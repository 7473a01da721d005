#pragma once
// The drift ignore file (`.dharmadriftignore` or --ignore FILE): accepted
// drift, each entry with a reason and an optional expiry date.
//
//   ignore:
//     - address: aws_autoscaling_group.web     # glob: aws_instance.*
//       path: desired_capacity                 # optional; absent = the whole resource
//       reason: scaled by the autoscaler       # required, and not TODO
//       expires: 2027-01-31                    # optional, YYYY-MM-DD
//
// Ignored findings are moved to DriftReport::ignored and counted; an
// expired entry hides nothing and says so in DriftReport::notes.

#include <string>
#include <vector>

#include "dharma/drift/findings.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::drift {

struct IgnoreEntry {
  std::string address;  // glob over addresses
  std::string path;     // glob over attribute paths; "" for the whole resource
  std::string reason;
  std::string expires;  // YYYY-MM-DD or ""
  util::SourceLocation location;
};

// The file name looked for in the current directory when --ignore is not given.
constexpr const char* k_default_ignore_file = ".dharmadriftignore";

// Reads the entries of `file`; every problem (unknown key, missing or TODO
// reason, invalid date) goes to `diagnostics` at its line.
std::vector<IgnoreEntry> read_ignore_file(const std::string& file, util::Diagnostics& diagnostics);

// Hides what unexpired entries match (as of `today`, YYYY-MM-DD).
void apply_ignores(const std::vector<IgnoreEntry>& entries, const std::string& today, DriftReport& report);

// An ignore file with one entry per drifted resource or changed path of
// `report`, each with `reason: TODO` (which read_ignore_file refuses until
// someone writes the real reason).
std::string ignore_file_for(const DriftReport& report);

}  // namespace dharma::drift
