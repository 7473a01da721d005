#pragma once
// `dharma guard policies list|show`: the pack as a table, JSON, or the
// Markdown reference that docs/guard.md embeds (generated, never hand-written).

#include <string>
#include <vector>

#include "dharma/policy/policy.hpp"

namespace dharma::policy {

std::string list_text(const std::vector<const Policy*>& policies);
std::string list_json(const std::vector<const Policy*>& policies);
std::string list_markdown(const std::vector<const Policy*>& policies);
std::string show_text(const Policy& policy);

}  // namespace dharma::policy
