// The shipped data parsed at build time: its tree form gives back exactly the
// tree the loader builds, and a file is taken from it only when its bytes are
// the same (anything else is parsed, with the loader's located errors).

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "dharma/api/command_context.hpp"
#include "dharma/preparsed/data_files.hpp"
#include "dharma/preparsed/tree_codec.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/yaml/loader.hpp"

using namespace dharma;
namespace fs = std::filesystem;

namespace {

// The first difference between two trees, or "" when they are the same.
std::string difference(const yaml::Node& a, const yaml::Node& b, const std::string& path = "/") {
  if (a.kind != b.kind || a.scalar != b.scalar || a.plain != b.plain || a.line != b.line ||
      a.column != b.column || !a.file || !b.file || *a.file != *b.file) {
    return path + ": " + a.kind_name() + " '" + a.scalar + "' " + a.location().str() + " against " +
           b.kind_name() + " '" + b.scalar + "' " + b.location().str();
  }
  if (a.items.size() != b.items.size() || a.entries.size() != b.entries.size()) {
    return path + ": different number of children";
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (auto d = difference(*a.items[i], *b.items[i], path + std::to_string(i) + "/"); !d.empty()) {
      return d;
    }
  }
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    if (auto d = difference(*a.entries[i].first, *b.entries[i].first, path + "key/"); !d.empty()) {
      return d;
    }
    if (auto d =
            difference(*a.entries[i].second, *b.entries[i].second, path + a.entries[i].first->scalar + "/");
        !d.empty()) {
      return d;
    }
  }
  return "";
}

yaml::NodePtr round_trip(const yaml::Node& root, const std::string& file) {
  return preparsed::decode_tree(preparsed::encode_tree(root), yaml::intern_file_name(file));
}

// Installs a table for one test and removes it after.
struct Installed {
  explicit Installed(const std::vector<preparsed::EmbeddedFile>& files) {
    preparsed::install(files.data(), files.size());
  }
  ~Installed() { preparsed::install(nullptr, 0); }
  Installed(const Installed&) = delete;
  Installed& operator=(const Installed&) = delete;
};

std::string diagnostics_text(const util::Diagnostics& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics.sorted()) {
    text += util::format_diagnostic(diagnostic) + "\n";
  }
  return text;
}

}  // namespace

TEST_CASE("preparsed::decode_tree, every shipped data file comes back as the loader's tree") {
  int files = 0;
  for (const char* folder : {"templates", "policies", "pricing"}) {
    for (const auto& item : fs::recursive_directory_iterator(fs::path(DHARMA_SOURCE_DIR) / folder)) {
      if (item.path().extension() != ".yaml") {
        continue;
      }
      util::Diagnostics diagnostics;
      const auto loaded = yaml::load_file(item.path().string(), diagnostics);
      if (!loaded || !diagnostics.sorted().empty()) {
        continue;  // the build leaves such a file out
      }
      INFO(item.path().string());
      CHECK(difference(*loaded, *round_trip(*loaded, item.path().string())) == "");
      ++files;
    }
  }
  CHECK(files > 100);
}

TEST_CASE("preparsed::decode_tree, quoting, nulls, block scalars, aliases and positions") {
  const std::string text =
      "base: &b {size: small, 'quoted': \"2\", none: ~, empty: }\n"
      "copy: *b\n"
      "list:\n  - |\n    two\n    lines\n  - [1, 2.5, true]\n  - ''\n"
      "unicode: \"caf\xC3\xA9 \xE2\x9C\x93\"\n";
  util::Diagnostics diagnostics;
  const auto loaded = yaml::load(text, "data.yaml", diagnostics);
  INFO(diagnostics_text(diagnostics));
  REQUIRE(loaded);
  REQUIRE(diagnostics.sorted().empty());
  CHECK(difference(*loaded, *round_trip(*loaded, "data.yaml")) == "");

  SUBCASE("an empty document") {
    const auto empty = yaml::load("", "empty.yaml", diagnostics);
    REQUIRE(empty);
    CHECK(difference(*empty, *round_trip(*empty, "empty.yaml")) == "");
  }
  SUBCASE("the file name is the reader's") {
    const auto elsewhere = round_trip(*loaded, "/elsewhere/data.yaml");
    CHECK(elsewhere->entries.at(2).second->items.at(1)->location().str() == "/elsewhere/data.yaml:7:5");
  }
}

TEST_CASE("preparsed::decode_tree, bytes encode_tree did not write") {
  util::Diagnostics diagnostics;
  const auto loaded = yaml::load("a: [1, 2]\n", "a.yaml", diagnostics);
  const std::string bytes = preparsed::encode_tree(*loaded);
  const auto* file = yaml::intern_file_name("a.yaml");
  CHECK_THROWS_AS(preparsed::decode_tree(bytes.substr(0, bytes.size() - 1), file), std::runtime_error);
  CHECK_THROWS_AS(preparsed::decode_tree(bytes + "x", file), std::runtime_error);
  CHECK_THROWS_AS(preparsed::decode_tree("\x7f", file), std::runtime_error);
}

TEST_CASE("preparsed::load, takes the built tree only for the same bytes") {
  // The built tree is deliberately another text's, to tell which one was used.
  const std::string shipped = "type: shipped\n";
  util::Diagnostics built_diagnostics;
  const std::string built_tree =
      preparsed::encode_tree(*yaml::load("type: built!\n", "x", built_diagnostics));
  const std::vector<preparsed::EmbeddedFile> files{{"a: b\n", "\x02\x01\x01\x00\x00", {}},
                                                   {shipped, built_tree, {}}};
  const Installed installed(files);
  util::Diagnostics diagnostics;

  SUBCASE("the same bytes, anywhere") {
    const auto root = preparsed::load(shipped, "/some/home/types/x.yaml", diagnostics);
    CHECK(root->find("type")->scalar == "built!");
    CHECK(root->find("type")->location().str() == "/some/home/types/x.yaml:1:7");
  }
  SUBCASE("other bytes of the same size are parsed") {
    const auto root = preparsed::load("type: edited\n", "x.yaml", diagnostics);
    CHECK(root->find("type")->scalar == "edited");
  }
  SUBCASE("an edited file keeps the loader's located errors") {
    const auto root = preparsed::load("type: shipped\ntype: again\n", "x.yaml", diagnostics);
    CHECK(diagnostics_text(diagnostics) == diagnostics_text([&] {
            util::Diagnostics plain;
            yaml::load("type: shipped\ntype: again\n", "x.yaml", plain);
            return plain;
          }()));
    CHECK(diagnostics.has_errors());
  }
  SUBCASE("a file that cannot be read is reported as yaml::load_file reports it") {
    util::Diagnostics plain;
    yaml::load_file("/nonexistent/dharma/x.yaml", plain);
    CHECK(preparsed::load_file("/nonexistent/dharma/x.yaml", diagnostics) == nullptr);
    CHECK(diagnostics_text(diagnostics) == diagnostics_text(plain));
  }
}

TEST_CASE(
    "CommandContext::catalog, an edited catalog under DHARMA_HOME is reported as without the built data") {
  const fs::path home = fs::temp_directory_path() / ("dharma-preparsed-" + std::to_string(::getpid()));
  fs::remove_all(home);
  fs::create_directories(home / "templates");
  fs::copy(fs::path(DHARMA_SOURCE_DIR) / "templates" / "types", home / "templates" / "types",
           fs::copy_options::recursive);
  // The shipped files, as the build would carry them.
  std::vector<std::string> texts;
  std::vector<std::string> trees;
  for (const auto& item : fs::directory_iterator(home / "templates" / "types")) {
    util::Diagnostics diagnostics;
    texts.push_back(util::read_file(item.path()));
    trees.push_back(preparsed::encode_tree(*yaml::load(texts.back(), "x", diagnostics)));
  }
  std::vector<preparsed::EmbeddedFile> files;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    files.push_back({texts[i], trees[i], {}});
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.text.size() < b.text.size(); });
  const fs::path edited = home / "templates" / "types" / "network.vpc.yaml";
  REQUIRE(fs::exists(edited));
  std::ofstream(edited, std::ios::app) << "type: twice\n";

  const char* old_home = std::getenv("DHARMA_HOME");
  const std::string saved = old_home != nullptr ? old_home : "";
  ::setenv("DHARMA_HOME", home.c_str(), 1);
  auto errors = [](bool with_built_data, const std::vector<preparsed::EmbeddedFile>& table) {
    std::ostringstream out;
    std::ostringstream err;
    api::CommandContext context(out, err);
    context.flags().no_color = true;
    if (with_built_data) {
      preparsed::install(table.data(), table.size());
    }
    std::string message;
    try {
      context.catalog();
    } catch (const util::Error& e) {
      message = e.what();
    }
    preparsed::install(nullptr, 0);
    return err.str() + message;
  };
  const std::string parsed = errors(false, files);
  const std::string built = errors(true, files);
  if (saved.empty()) {
    ::unsetenv("DHARMA_HOME");
  } else {
    ::setenv("DHARMA_HOME", saved.c_str(), 1);
  }
  fs::remove_all(home);
  CHECK(parsed.find("network.vpc.yaml:") != std::string::npos);
  CHECK(parsed.find("is invalid") != std::string::npos);
  CHECK(built == parsed);
}
