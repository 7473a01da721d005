// MappingCatalog builds each mapping on first use only when the templates
// folder is exactly the one the build verified (same files, same bytes, same
// places); then what it hands out is what loading everything gives. Any
// other folder (a file edited or added) is loaded and checked whole, with
// the same messages as without the built data.

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dharma/api/command_context.hpp"
#include "dharma/api/generate_api.hpp"
#include "dharma/catalog/catalog.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/preparsed/data_files.hpp"
#include "dharma/preparsed/tree_codec.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/yaml/loader.hpp"

using namespace dharma;
namespace fs = std::filesystem;

namespace {

// The shipped templates as the build carries them (tools/embed_data.cpp):
// each file's text, tree and path, and the list of verified files.
struct BuiltTemplates {
  std::vector<std::string> paths;
  std::vector<std::string> texts;
  std::vector<std::string> trees;
  std::vector<preparsed::EmbeddedFile> files;
  std::vector<std::string_view> verified;

  BuiltTemplates() {
    const fs::path root = DHARMA_SOURCE_DIR;
    for (const auto& folder : fs::directory_iterator(root / "templates")) {
      const std::string name = folder.path().filename().string();
      if (!folder.is_directory() || (name != "types" && catalog::find_provider(name) == nullptr)) {
        continue;
      }
      for (const auto& file : fs::directory_iterator(folder.path())) {
        if (file.path().extension() == ".yaml") {
          paths.push_back("templates/" + name + "/" + file.path().filename().string());
        }
      }
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      util::Diagnostics diagnostics;
      texts.push_back(util::read_file(root / path));
      trees.push_back(preparsed::encode_tree(*yaml::load(texts.back(), "x", diagnostics)));
    }
    for (std::size_t i = 0; i < paths.size(); ++i) {
      files.push_back({texts[i], trees[i], paths[i]});
      verified.emplace_back(paths[i]);
    }
    std::stable_sort(files.begin(), files.end(),
                     [](const auto& a, const auto& b) { return a.text.size() < b.text.size(); });
  }
  void install() const {
    preparsed::install(files.data(), files.size());
    preparsed::install_verified_templates(verified.data(), verified.size());
  }
  static void uninstall() {
    preparsed::install(nullptr, 0);
    preparsed::install_verified_templates(nullptr, 0);
  }
};

// A copy of the shipped templates in a scratch DHARMA_HOME.
fs::path copied_home(const std::string& name) {
  const fs::path home =
      fs::temp_directory_path() / ("dharma-first-use-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(home);
  fs::create_directories(home);
  fs::copy(fs::path(DHARMA_SOURCE_DIR) / "templates", home / "templates", fs::copy_options::recursive);
  return home;
}

// What a command loading the mappings under `home` prints, and its error.
std::string mapping_errors(const fs::path& home, const BuiltTemplates* built) {
  const char* old_home = std::getenv("DHARMA_HOME");
  const std::string saved = old_home != nullptr ? old_home : "";
  ::setenv("DHARMA_HOME", home.c_str(), 1);
  if (built != nullptr) {
    built->install();
  }
  std::ostringstream out;
  std::ostringstream err;
  std::string message;
  {
    api::CommandContext context(out, err);
    context.flags().no_color = true;
    try {
      context.mappings();
    } catch (const util::Error& e) {
      message = e.what();
    }
  }
  BuiltTemplates::uninstall();
  if (saved.empty()) {
    ::unsetenv("DHARMA_HOME");
  } else {
    ::setenv("DHARMA_HOME", saved.c_str(), 1);
  }
  return err.str() + message;
}

}  // namespace

TEST_CASE("MappingCatalog::load, the verified shipped folder builds each mapping on first use, the same") {
  const BuiltTemplates built;
  const fs::path templates = fs::path(DHARMA_SOURCE_DIR) / "templates";
  util::Diagnostics diagnostics;
  const auto types = catalog::Catalog::load(templates, diagnostics);
  const auto everything = catalog::MappingCatalog::load(templates, &types, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  CHECK(everything.pending() == 0);

  built.install();
  util::Diagnostics lazy_diagnostics;
  const auto lazy_types = catalog::Catalog::load(templates, lazy_diagnostics);
  const auto lazy = catalog::MappingCatalog::load(templates, &lazy_types, lazy_diagnostics);
  CHECK_FALSE(lazy_diagnostics.has_errors());
  const std::size_t all = lazy.pending();
  CHECK(all > 50);
  const auto* postgres = lazy.find("aws", "database.postgres");
  REQUIRE(postgres != nullptr);
  CHECK(lazy.pending() == all - 1);
  CHECK(postgres->type == "database.postgres");
  CHECK(lazy.find("aws", "no.such.type") == nullptr);
  CHECK(lazy.provider_names() == everything.provider_names());
  for (const auto& provider : everything.provider_names()) {
    const auto eager_list = everything.mappings_of(provider);
    const auto lazy_list = lazy.mappings_of(provider);
    REQUIRE(eager_list.size() == lazy_list.size());
    for (std::size_t i = 0; i < eager_list.size(); ++i) {
      INFO(eager_list[i]->file);
      CHECK(lazy_list[i]->type == eager_list[i]->type);
      CHECK(lazy_list[i]->file == eager_list[i]->file);
      CHECK(lazy_list[i]->description == eager_list[i]->description);
      CHECK(lazy_list[i]->terraform.size() == eager_list[i]->terraform.size());
      CHECK(lazy_list[i]->manifests.size() == eager_list[i]->manifests.size());
      CHECK(lazy_list[i]->exports.size() == eager_list[i]->exports.size());
    }
  }
  CHECK(lazy.pending() == 0);
  REQUIRE(lazy_types.type_names() == types.type_names());
  for (const auto& name : types.type_names()) {
    INFO(name);
    const auto* eager_type = types.find_type(name);
    const auto* lazy_type = lazy_types.find_type(name);
    REQUIRE(lazy_type != nullptr);
    CHECK(lazy_type->type == eager_type->type);
    CHECK(lazy_type->file == eager_type->file);
    CHECK(lazy_type->property_names() == eager_type->property_names());
    CHECK(lazy_type->attributes == eager_type->attributes);
  }
  CHECK(lazy_types.find_type("no.such.type") == nullptr);
  BuiltTemplates::uninstall();
}

TEST_CASE(
    "MappingCatalog::load, an edited or added mapping file is checked whole, as without the built data") {
  const BuiltTemplates built;
  SUBCASE("a mapping of a type no blueprint here uses, edited") {
    const fs::path home = copied_home("edited");
    std::ofstream(home / "templates/gcp/cache.redis.yaml", std::ios::app) << "bogus: 1\n";
    const std::string parsed = mapping_errors(home, nullptr);
    CHECK(parsed.find("cache.redis.yaml:") != std::string::npos);
    CHECK(mapping_errors(home, &built) == parsed);
    fs::remove_all(home);
  }
  SUBCASE("a mapping file added next to the shipped ones") {
    const fs::path home = copied_home("added");
    std::ofstream(home / "templates/aws/network.nothing.yaml") << "type: network.nothing\nterraform: []\n";
    const std::string parsed = mapping_errors(home, nullptr);
    CHECK(parsed.find("network.nothing.yaml:") != std::string::npos);
    CHECK(mapping_errors(home, &built) == parsed);
    fs::remove_all(home);
  }
  SUBCASE("the shipped folder copied elsewhere, unchanged: no problem either way") {
    const fs::path home = copied_home("same");
    CHECK(mapping_errors(home, nullptr).empty());
    CHECK(mapping_errors(home, &built).empty());
    fs::remove_all(home);
  }
}
