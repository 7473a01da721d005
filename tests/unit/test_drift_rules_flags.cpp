// The rules' merged path flags and their pre-hash filter: each is_* answer
// is set membership in the type's own sets or the defaults', for paths in
// the sets and for paths that share a first byte or a length with them
// (which the filter lets through) or share neither (which it stops).

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "dharma/drift/rules.hpp"

using namespace dharma::drift;

TEST_CASE("DriftRules: merged flags answer as the sets do") {
  const auto file = std::filesystem::temp_directory_path() / "dharma-test-drift-rules-flags.yaml";
  {
    std::ofstream out(file);
    out << "defaults:\n"
           "  computed: [id, arn, tags_all]\n"
           "types:\n"
           "  t_one:\n"
           "    computed: [owner]\n"
           "    sets: [ingress, ingress.cidr_blocks]\n"
           "    json: [policy, arn]\n"
           "    quantities: [size]\n"
           "    open_maps: [annotations]\n"
           "  t_empty:\n"
           "    severity: {\"*\": low}\n";
  }
  dharma::util::Diagnostics diagnostics;
  const DriftRules rules = DriftRules::load(file, diagnostics);
  std::filesystem::remove(file);
  REQUIRE_FALSE(diagnostics.has_errors());
  const std::set<std::string> defaults_computed = {"id", "arn", "tags_all"};
  const std::set<std::string> computed = {"id", "arn", "tags_all", "owner"};
  const std::set<std::string> sets = {"ingress", "ingress.cidr_blocks"};
  const std::set<std::string> json = {"policy", "arn"};
  const std::set<std::string> quantities = {"size"};
  const std::set<std::string> open_maps = {"annotations"};
  // In the sets; the same first byte and length as one (ix, arm, tags_al, ingresz);
  // the same first byte only (i, a, p); the same length only (xd, zzz); neither; empty.
  const char* const paths[] = {"id",
                               "arn",
                               "tags_all",
                               "owner",
                               "ingress",
                               "ingress.cidr_blocks",
                               "policy",
                               "size",
                               "annotations",
                               "ix",
                               "arm",
                               "tags_al",
                               "ingresz",
                               "ingress.cidr_blockz",
                               "i",
                               "a",
                               "p",
                               "xd",
                               "zzz",
                               "q",
                               "",
                               "sizes",
                               "owner.x",
                               "tags_all.k"};
  for (const std::string path : paths) {
    CAPTURE(path);
    CHECK(rules.is_computed("t_one", path) == (computed.count(path) != 0));
    CHECK(rules.is_set("t_one", path) == (sets.count(path) != 0));
    CHECK(rules.is_json("t_one", path) == (json.count(path) != 0));
    CHECK(rules.is_quantity("t_one", path) == (quantities.count(path) != 0));
    CHECK(rules.is_open_map("t_one", path) == (open_maps.count(path) != 0));
    CHECK(rules.is_map("t_one", path));  // objects: maps (the default)
    for (const char* type : {"t_empty", "t_unknown"}) {
      CHECK(rules.is_computed(type, path) == (defaults_computed.count(path) != 0));
      CHECK_FALSE(rules.is_set(type, path));
      CHECK_FALSE(rules.is_json(type, path));
    }
  }
}
