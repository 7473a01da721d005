#pragma once
// Reports as text: indented JSON, except that a list holding only numbers
// stays on one line. A histogram's buckets then read `[1536, 12]` per line
// instead of four lines each, which makes a report about a third the size
// (docs/PERFORMANCE.md) without changing a value.

#include <nlohmann/json.hpp>
#include <string>

namespace dharma::loadtest {

// `json` dumped with two-space indent, number-only lists on one line, and a final newline.
std::string pretty_json(const nlohmann::ordered_json& json);

}  // namespace dharma::loadtest
