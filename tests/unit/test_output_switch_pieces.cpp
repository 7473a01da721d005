// util::OutputSwitch with a file handed over in pieces (begin_file,
// write_piece, end_file: how generate writes main.tf). Pieces of every size,
// across the 64 KiB blocks the file in place is compared in, give exactly
// the bytes handed over; a file in place with those bytes is kept (same
// inode); one that differs only in its last byte, or is longer or shorter, is
// replaced; a run stopped halfway through a file leaves the old output
// untouched and no staging folder.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/util/output_switch.hpp"
#include "scratch_folder.hpp"

namespace fs = std::filesystem;
using dharma::test_support::inode;
using dharma::util::OutputSwitch;

namespace {
fs::path scratch_dir(const std::string& name) {
  return dharma::test_support::scratch_folder("switch-pieces-" + name);
}

// About 600 KB of text that differs everywhere (no repeated block).
std::string large_text() {
  std::string text;
  unsigned state = 12345;
  while (text.size() < 600 * 1024) {
    state = state * 1103515245U + 12345U;
    text +=
        "resource \"aws_instance\" \"web_" + std::to_string(state % 100000) + "\" {\n  ami = \"x\"\n}\n\n";
  }
  return text;
}

// Hands `text` over in pieces of the sizes in `sizes`, cycled (1 byte up to
// more than a block).
void write_in_pieces(OutputSwitch& output, const std::string& text) {
  const std::vector<std::size_t> sizes = {1, 7, 4096, 70000, 65536, 300, 131072, 65535};
  output.begin_file("terraform", "main.tf");
  std::size_t at = 0;
  for (std::size_t i = 0; at < text.size(); ++i) {
    const std::size_t size = std::min(sizes[i % sizes.size()], text.size() - at);
    output.write_piece(std::string_view(text).substr(at, size));
    at += size;
  }
  output.end_file();
}

void generate(const fs::path& dir, const std::string& text) {
  OutputSwitch output(dir);
  write_in_pieces(output, text);
  output.add("terraform", "outputs.tf", "outputs\n");
  output.commit();
}

bool has_staging(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename().string().rfind(".dharma-staging.", 0) == 0) {
      return true;
    }
  }
  return false;
}
}  // namespace

TEST_CASE("OutputSwitch, a file larger than a block handed over in pieces round-trips byte for byte") {
  const fs::path dir = scratch_dir("round-trip");
  const std::string text = large_text();
  generate(dir, text);
  CHECK(dharma::util::read_file(dir / "terraform/main.tf") == text);
  CHECK(dharma::util::read_file(dir / "terraform/outputs.tf") == "outputs\n");
  CHECK_FALSE(has_staging(dir));
}

TEST_CASE("OutputSwitch, pieces equal to the file in place keep it") {
  const fs::path dir = scratch_dir("same");
  const std::string text = large_text();
  generate(dir, text);
  const ino_t before = inode(dir / "terraform/main.tf");
  generate(dir, text);
  CHECK(inode(dir / "terraform/main.tf") == before);
  CHECK(dharma::util::read_file(dir / "terraform/main.tf") == text);
}

TEST_CASE("OutputSwitch, pieces that differ from the file in place replace it with exactly the new bytes") {
  const fs::path dir = scratch_dir("differs");
  const std::string old_text = large_text();
  generate(dir, old_text);
  const ino_t before = inode(dir / "terraform/main.tf");
  std::string new_text = old_text;

  SUBCASE("only the last byte differs") {
    new_text.back() = 'X';
  }
  SUBCASE("only the first byte differs") {
    new_text.front() = 'X';
  }
  SUBCASE("a byte in the middle of a block differs") {
    new_text[3 * 65536 + 100] = 'X';
  }
  SUBCASE("the new file is longer") {
    new_text += "more\n";
  }
  SUBCASE("the new file is shorter") {
    new_text.pop_back();
  }
  SUBCASE("the new file is empty") {
    new_text.clear();
  }

  generate(dir, new_text);
  CHECK(inode(dir / "terraform/main.tf") != before);
  CHECK(dharma::util::read_file(dir / "terraform/main.tf") == new_text);
  CHECK_FALSE(has_staging(dir));
}

TEST_CASE("OutputSwitch, a run stopped in the middle of a file leaves the old output and no staging folder") {
  const fs::path dir = scratch_dir("stopped");
  const std::string old_text = large_text();
  generate(dir, old_text);
  const ino_t before = inode(dir / "terraform/main.tf");
  const std::string changed = "changed\n" + old_text;

  SUBCASE("while the pieces still matched the file in place") {
    OutputSwitch output(dir);
    output.begin_file("terraform", "main.tf");
    output.write_piece(std::string_view(old_text).substr(0, 200000));
  }
  SUBCASE("after the first difference, with the new bytes half staged") {
    OutputSwitch output(dir);
    output.begin_file("terraform", "main.tf");
    output.write_piece(std::string_view(changed).substr(0, 300000));
    CHECK(has_staging(dir));
  }
  SUBCASE("after the matched prefix was copied to the staging folder") {
    OutputSwitch output(dir);
    output.begin_file("terraform", "main.tf");
    output.write_piece(std::string_view(old_text).substr(0, 200000));
    output.write_piece("a difference");
    CHECK(has_staging(dir));
  }
  CHECK(inode(dir / "terraform/main.tf") == before);
  CHECK(dharma::util::read_file(dir / "terraform/main.tf") == old_text);
  CHECK_FALSE(has_staging(dir));
}

TEST_CASE("OutputSwitch, a file in place that changes while it is compared fails the run, leaving it alone") {
  const fs::path dir = scratch_dir("raced");
  const std::string old_text = large_text();
  generate(dir, old_text);
  {
    OutputSwitch output(dir);
    output.begin_file("terraform", "main.tf");
    output.write_piece(std::string_view(old_text).substr(0, 100000));
    {
      // Someone else edits the file in place (same inode) while the pieces match it.
      FILE* file = std::fopen((dir / "terraform/main.tf").c_str(), "a");
      REQUIRE(file != nullptr);
      std::fputs("EDITED", file);
      std::fclose(file);
    }
    CHECK_THROWS_AS(output.write_piece("a difference"), dharma::util::Error);
  }
  CHECK(dharma::util::read_file(dir / "terraform/main.tf") == old_text + "EDITED");
  CHECK_FALSE(has_staging(dir));
}
