#pragma once
// Parses a Terraform state file's JSON without building what drift never
// reads: the same document nlohmann::json::parse builds (same errors, same
// messages), minus the subtrees drift does not compare, skipped while
// parsing (state_json.cpp lists them). The state reader uses it only when
// its own reader (json_reader.hpp) refuses a file, for nlohmann's message.

#include <nlohmann/json.hpp>
#include <string_view>

namespace dharma::drift {

// Throws nlohmann::json::parse_error exactly where and as json::parse does.
nlohmann::json parse_state_json(std::string_view text);

}  // namespace dharma::drift
