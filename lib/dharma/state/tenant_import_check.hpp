#pragma once
// What `tenant import` verifies before it writes anything: that a document
// keeps every promise an export makes. A forged or damaged document (a
// version whose source does not match its content hash, version numbers with
// a gap, a blueprint whose latest_version is not its last version, a name the
// store would refuse, one id used twice) is refused as a whole, so `pull`
// never returns content that `history` vouches for with another hash.
// Which tenant each row belongs to is left to row-level security (exit 4).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dharma::state {

// Every broken promise in `document` (already known to be an export of the
// right format), one sentence each; empty when the document can be imported.
std::vector<std::string> tenant_export_problems(const nlohmann::json& document);

}  // namespace dharma::state
