#pragma once
// Text meant for a person never carries raw control characters from input
// (docs/cli.md): a blueprint key, a property value, a file or tenant name
// holding ESC, BEL or NUL could otherwise retitle the reader's terminal,
// clear it or hide lines. `printable` escapes what a terminal would act on:
//   C0 controls (but newline and tab) and DEL   -> \xNN  (\x1b, \x07, \x00)
//   C1 controls, U+0080..U+009F                 -> \u0085, \u009b
//   bytes that are not UTF-8                    -> \xNN
// Every other character, printable UTF-8 included, is kept as it is.

#include <string>
#include <string_view>

namespace dharma::util {

std::string printable(std::string_view text);
// The same, appended to `out` (no temporary string).
void append_printable(std::string& out, std::string_view text);

// Length of the run at the start of `text` that `printable` keeps as it is
// without looking further: printable ASCII, newline and tab. Sixteen bytes
// are tested at a time with SSE2, else eight in a 64-bit word.
std::size_t plain_ascii_prefix(const char* text, std::size_t size);

// Length of the valid UTF-8 sequence starting at `text[i]`, 0 when the bytes
// there are not UTF-8 (or a sequence is cut off by the end of `text`).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// True when the bytes at `text[i]` start a sequence `printable` escapes.
// `escape` receives the escaped form, `length` the bytes it replaces.
bool needs_escape(std::string_view text, std::size_t i, std::string& escape, std::size_t& length);

}  // namespace dharma::util
