#pragma once
// Splits text holding `${...}` placeholders, the syntax that blueprint
// expressions and provider mapping templates share; `$${` stands for a
// literal `${`. What goes inside a placeholder is the caller's language.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace dharma::util {

// Hands each run of literal text (`$${` undone, never empty) to
// `on_literal`, in order with the placeholders. At each `${`,
// `on_placeholder(open)` gets the offset of its `$` and returns the offset
// just past the placeholder's closing `}`, or std::string::npos to stop the
// scan there (after an error it reported). Exceptions from either callback
// pass through.
void scan_placeholders(std::string_view text, const std::function<void(std::string)>& on_literal,
                       const std::function<std::size_t(std::size_t open)>& on_placeholder);

}  // namespace dharma::util
