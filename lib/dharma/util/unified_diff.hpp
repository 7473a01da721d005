#pragma once
// A unified diff (`diff -u` format) between two texts, for `--check` modes
// that show what a regeneration would change.

#include <string>

namespace dharma::util {

// The diff from `old_text` to `new_text` with 3 lines of context, headed
// `--- old_label` / `+++ new_label`; empty when the texts are equal.
std::string unified_diff(const std::string& old_text, const std::string& new_text,
                         const std::string& old_label, const std::string& new_label);

}  // namespace dharma::util
