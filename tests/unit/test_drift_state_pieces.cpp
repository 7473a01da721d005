// A state read in pieces (read_state_pieces, read_json_pieces, what drift
// does with a state file) against the same text read whole: the pieces
// join to the file and end at newlines, the values and the state read are
// the same, refusals and file errors are the same.

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dharma/drift/json_reader.hpp"
#include "dharma/drift/terraform_state.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "same_actual_state.hpp"

using namespace dharma;
using namespace dharma::drift;

namespace {

// `text` cut after every `every`-th newline.
std::vector<std::string> cut(const std::string& text, int every) {
  std::vector<std::string> pieces(1);
  int newlines = 0;
  for (const char c : text) {
    pieces.back() += c;
    if (c == '\n' && ++newlines % every == 0) {
      pieces.emplace_back();
    }
  }
  return pieces;
}

// Both readers accept or both refuse, and build the same tree.
void check_pieces_read_as_whole(const std::string& text, int every) {
  ValueArena whole_arena;
  Value whole;
  const bool whole_ok = read_json(text, whole_arena, whole, JsonStrings::view);
  ValueArena pieces_arena;
  Value pieces;
  const bool pieces_ok = read_json_pieces(cut(text, every), pieces_arena, pieces);
  REQUIRE(whole_ok == pieces_ok);
  if (whole_ok) {
    CHECK(to_json(whole) == to_json(pieces));
  }
}

std::string error_of_reading(const std::string& path) {
  try {
    (void)read_state_pieces(path, 1024);
  } catch (const util::Error& error) {
    return error.what();
  }
  return "";
}

std::string error_of_read_file(const std::string& path) {
  try {
    (void)util::read_file(path, 1024);
  } catch (const util::Error& error) {
    return error.what();
  }
  return "";
}

const std::string k_states = std::string(DHARMA_SOURCE_DIR) + "/tests/drift/states";

}  // namespace

TEST_CASE("read_json_pieces reads what read_json reads, cut at any newline") {
  for (const auto& entry : std::filesystem::directory_iterator(k_states)) {
    const std::string text = util::read_file(entry.path());
    for (const int every : {1, 2, 7}) {
      check_pieces_read_as_whole(text, every);
    }
    for (std::size_t length = 0; length < text.size(); length += 13) {
      check_pieces_read_as_whole(text.substr(0, length), 1);  // cut short: refused alike
    }
  }
  check_pieces_read_as_whole("\xEF\xBB\xBF\n{\"a\":\n[1,\n2]\n}\n", 1);  // a byte-order mark
  check_pieces_read_as_whole("{\"a\": \"x\ny\"}", 1);                    // a raw newline in a string
  check_pieces_read_as_whole("[1\n]\n\n\n", 1);
  check_pieces_read_as_whole("\n\n", 1);
  check_pieces_read_as_whole(std::string("[1]\n\0garbage", 12), 1);  // a NUL after the value
}

TEST_CASE("read_state_pieces, pieces that join to the file, each ending at a newline") {
  const auto dir = std::filesystem::temp_directory_path() / "dharma_test_state_pieces";
  std::filesystem::create_directories(dir);
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    text += "{\"line\": " + std::to_string(i) + ", \"pad\": \"" +
            std::string(static_cast<std::size_t>(i % 97), 'p') + "\"}\n";
  }
  const std::string one_line(20000, 'x');
  const std::string long_line = std::string(300000, 'y') + "\n" + std::string(5000, 'z');
  for (const std::string& content : {text, one_line, long_line, std::string()}) {
    const std::string path = (dir / "state.json").string();
    std::ofstream(path, std::ios::binary) << content;
    const auto pieces = read_state_pieces(path, 1 << 20);
    CHECK((!pieces.empty() || content.empty()));
    std::string joined;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      joined += pieces[i];
      if (i + 1 < pieces.size()) {
        CHECK(pieces[i].back() == '\n');
        CHECK((pieces[i].size() < 16384 || content == long_line));
      }
    }
    CHECK(joined == content);
    if (content == text) {
      CHECK(pieces.size() > 10);
    }
    if (content == one_line) {
      CHECK(pieces.size() == 1);
    }
    if (content == long_line) {  // a piece holds a line however long
      CHECK(pieces.size() >= 2);
    }
  }
  // Errors are util::read_file's own.
  CHECK(error_of_reading((dir / "missing.tfstate").string()) ==
        error_of_read_file((dir / "missing.tfstate").string()));
  CHECK(error_of_reading(dir.string()) == error_of_read_file(dir.string()));
  CHECK(error_of_reading((dir / "state.json").string()).empty());
  std::ofstream((dir / "big.tfstate").string(), std::ios::binary) << std::string(4096, ' ');
  CHECK_FALSE(error_of_reading((dir / "big.tfstate").string()).empty());
  CHECK(error_of_reading((dir / "big.tfstate").string()) ==
        error_of_read_file((dir / "big.tfstate").string()));
  std::filesystem::remove_all(dir);
}

TEST_CASE("read_terraform_state in pieces reads the state it reads whole") {
  for (const char* name :
       {"v4_shapes.tfstate", "v4_attributes_flat.tfstate", "show_json.json", "module_wrapped.tfstate"}) {
    const std::string text = util::read_file(k_states + "/" + name);
    ActualState whole;
    ActualState pieces;
    read_terraform_state(text, name, whole);
    read_terraform_state(cut(text, 1), name, pieces);
    test_support::check_same_actual_state(whole, pieces);
  }
  for (const char* name : {"truncated.tfstate", "v3.tfstate", "plan.json"}) {
    const std::string text = util::read_file(k_states + "/" + name);
    std::string whole_error;
    std::string pieces_error;
    ActualState state;
    try {
      read_terraform_state(text, name, state);
    } catch (const util::Error& error) {
      whole_error = error.what();
    }
    ActualState other;
    try {
      read_terraform_state(cut(text, 1), name, other);
    } catch (const util::Error& error) {
      pieces_error = error.what();
    }
    CHECK_FALSE(whole_error.empty());
    CHECK(whole_error == pieces_error);
  }
}
