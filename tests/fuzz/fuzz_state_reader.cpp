// libFuzzer target for drift's JSON reader (lib/dharma/drift/json_reader.cpp):
// arbitrary bytes are read both by it and by nlohmann::json::parse. Besides
// "no crash, no sanitizer report", it checks the reader's contract: it
// accepts exactly what nlohmann accepts, and builds the same tree (types
// included), which is what lets the state reader ask nlohmann only for an
// error's message (read_json with viewed strings is how drift reads a
// mapped state file). The same bytes cut after every newline must read
// alike (read_json_pieces, copied strings: the path for input drift cannot
// map).
// Then the bytes go through read_terraform_state, whose only way to refuse
// is util::Error.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "dharma/drift/json_reader.hpp"
#include "dharma/drift/terraform_state.hpp"
#include "dharma/util/error.hpp"

namespace {

// Same nlohmann type and value at every node, to `depth` levels (deeper is
// not compared: nlohmann's own copy and compare recurse).
bool same_tree(const nlohmann::json& a, const nlohmann::json& b, int depth) {
  if (a.type() != b.type()) {
    return false;
  }
  if (depth > 64) {
    return true;
  }
  if (a.is_array() || a.is_object()) {
    if (a.size() != b.size()) {
      return false;
    }
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
      if ((a.is_object() && ia.key() != ib.key()) || !same_tree(ia.value(), ib.value(), depth + 1)) {
        return false;
      }
    }
    return true;
  }
  return a == b || (a.is_number_float() && a.get<double>() != a.get<double>());
}

int nesting(const std::string& text) {
  int depth = 0;
  int deepest = 0;
  for (char c : text) {
    depth += (c == '[' || c == '{') ? 1 : (c == ']' || c == '}') ? -1 : 0;
    deepest = depth > deepest ? depth : deepest;
  }
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  dharma::drift::ValueArena arena;
  dharma::drift::Value value;
  const bool ours = dharma::drift::read_json(text, arena, value);
  if (nesting(text) < 200) {  // to_json and nlohmann's parser recurse
    const nlohmann::json theirs = nlohmann::json::parse(text, nullptr, false);
    if (ours == theirs.is_discarded()) {
      std::fprintf(stderr, "read_json %s what nlohmann %s\n", ours ? "accepts" : "refuses",
                   ours ? "refuses" : "accepts");
      std::abort();
    }
    if (ours && !same_tree(dharma::drift::to_json(value), theirs, 0)) {
      std::fprintf(stderr, "read_json builds another tree than nlohmann\n");
      std::abort();
    }
    std::vector<std::string> pieces(1);
    for (const char c : text) {
      pieces.back() += c;
      if (c == '\n') {
        pieces.emplace_back();
      }
    }
    dharma::drift::ValueArena pieces_arena(64, 256);
    dharma::drift::Value pieces_value;
    const bool in_pieces = dharma::drift::read_json_pieces(pieces, pieces_arena, pieces_value);
    if (in_pieces != ours || (ours && !same_tree(dharma::drift::to_json(pieces_value), theirs, 0))) {
      std::fprintf(stderr, "read_json_pieces reads the text cut at newlines otherwise\n");
      std::abort();
    }
    dharma::drift::ActualState state;
    try {
      dharma::drift::read_terraform_state(text, "fuzz.tfstate", state);
    } catch (const dharma::util::Error&) {
    } catch (const nlohmann::json::exception&) {
      // a wrongly typed member ("mode": 1) is nlohmann's type_error, as before this reader
    }
  }
  return 0;
}
