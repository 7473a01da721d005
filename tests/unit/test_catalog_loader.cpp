// The catalog loader on broken type files: every problem is reported with its
// position, in the same words MapReader uses for every other file.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "dharma/catalog/catalog.hpp"

namespace fs = std::filesystem;
using namespace dharma;

TEST_CASE("Catalog::load, reports wrong keys and shapes in a type file") {
  const fs::path root = fs::temp_directory_path() / ("dharma-catalog-test-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "types");
  std::ofstream(root / "types" / "compute.thing.yaml") << "type: compute.thing\n"
                                                          "family: compute\n"
                                                          "atributes: [id]\n"
                                                          "properties:\n"
                                                          "  size: {type: integer, min: low, required: yes}\n"
                                                          "  name: string\n"
                                                          "  zone: {typ: string}\n";
  util::Diagnostics diagnostics;
  catalog::Catalog::load(root, diagnostics);
  fs::remove_all(root);
  std::vector<std::string> found;
  for (const auto& d : diagnostics.sorted()) {
    found.push_back(std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + ": " +
                    d.message);
  }
  const std::vector<std::string> expected{
      "3:1: unknown key 'atributes' in catalog type (did you mean 'attributes'?)",
      "5:30: 'min' in property 'size' must be a number, not 'low'",
      "5:45: 'required' in property 'size' must be true or false, not 'yes'",
      "6:9: property 'name' must be a mapping, not a string",
      "7:9: property 'zone' is missing required key 'type'",
      "7:10: unknown key 'typ' in property 'zone' (did you mean 'type'?)",
  };
  CHECK(found == expected);
}
