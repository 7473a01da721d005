#pragma once
// One policy violation on one resource, and how it is being treated.

#include <optional>
#include <string>

#include "dharma/util/source_location.hpp"

namespace dharma::policy {

struct Policy;
enum class Severity;
enum class Enforcement;

enum class FindingState {
  open,        // counts towards the result
  suppressed,  // a valid `guard.skip` on the resource covers it
  baselined,   // recorded in the --baseline file
};
const char* finding_state_name(FindingState state);

struct Suppression {
  std::string reason;
  std::string expires;   // YYYY-MM-DD or empty
  bool expired = false;  // an expired skip no longer suppresses (the finding stays open)
  util::SourceLocation location;
};

struct Finding {
  const Policy* policy = nullptr;
  std::string blueprint;  // metadata.name of the blueprint
  std::string file;       // the blueprint file
  std::string resource;
  std::string resource_type;
  std::size_t resource_index = 0;  // declaration order
  util::SourceLocation location;   // the offending property, else the resource
  std::string path;                // the offending property path, may be empty
  std::string message;
  std::string fingerprint;  // stable across edits that move lines
  FindingState state = FindingState::open;
  std::optional<Suppression> suppression;  // the skip that matched, even an expired one
};

}  // namespace dharma::policy
