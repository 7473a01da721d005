#pragma once
// Small string helpers that know nothing about dharma.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dharma::util {

// Levenshtein distance between `a` and `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate `word` most likely stands for: the closest by edit distance
// when that is close enough to be a typo, else the one candidate sharing the
// most word parts with it (split on `_`, `.`, `-`; a part matches a part that
// is a typo of it or its abbreviation, 'db' for 'database'), when no other
// candidate shares as many. Nullopt when nothing is likely (suggestion.cpp).
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// ` (did you mean 'x'?)` or an empty string.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Offset of the first byte that breaks UTF-8, or nullopt when `text` is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
std::string trim(std::string_view text);
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);
// Quote for messages: 'name'.
std::string quoted(std::string_view text);
// True when `text` matches a glob with `*` wildcards (e.g. `k8s.*`).
bool glob_match(std::string_view pattern, std::string_view text);

// `text` for XML character data and attribute values: & < > " ' as entities
// (' as &apos;), and the control characters XML 1.0 forbids even escaped
// (all below 0x20 but tab, line feed and carriage return) as spaces.
std::string xml_escape(std::string_view text);
// xml_escape with ' as &#39; (HTML 4 has no &apos;): well-formed in HTML and XML.
std::string html_escape(std::string_view text);

}  // namespace dharma::util
