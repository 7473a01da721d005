#pragma once
// A JSON reader straight into drift's compact values (value.hpp), for the
// state files drift reads: one pass over the buffer, no token buffer, no
// node allocated on its own. It accepts exactly what nlohmann::json::parse
// accepts (RFC 8259, a UTF-8 byte-order mark skipped, UTF-8 checked,
// numbers as nlohmann reads them) and gives no message: a caller that gets
// false asks nlohmann for the error text (terraform_state.cpp does).

#include <string>
#include <string_view>
#include <vector>

#include "dharma/drift/value.hpp"

namespace dharma::drift {

// Where the strings of the values read go.
enum class JsonStrings {
  view,  // string values without escapes view `text`, which must live as long as `arena` (ValueArena::keep);
         // keys are copied, equal short ones sharing one copy
  copy,  // every string (key or value) is in `arena`: `text` may go once read; equal short strings
         // share one copy
};

// Reads the JSON document `text` into `out`, its nodes and decoded strings
// in `arena`, its other strings as `strings` says. False when `text` is not
// exactly one JSON value (surrounded by whitespace).
bool read_json(std::string_view text, ValueArena& arena, Value& out, JsonStrings strings = JsonStrings::view);

// The same for a text held in `pieces` (read_json of their concatenation,
// strings copied), each piece but the last ending with a newline byte ('\n'
// is in no JSON token: pieces cut there never cut one).
bool read_json_pieces(const std::vector<std::string>& pieces, ValueArena& arena, Value& out);

}  // namespace dharma::drift
