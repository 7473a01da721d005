// libFuzzer target for the YAML loader's subset scanner
// (lib/dharma/yaml/fast_scanner.hpp): whenever it accepts the bytes, libyaml
// must read them without any diagnostic to exactly the same tree (kinds,
// scalar text, quoting, lines, columns), and `yaml::load` must give that
// tree too; it aborts otherwise. Declined bytes are libyaml's alone.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/loader_paths.hpp"
#include "dharma/yaml/tree_diff.hpp"

namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz_yaml_fast: %s\n", what.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dharma;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto fast = yaml::load_with_fast_scanner(text, "fuzz.yaml");
  if (!fast) {
    return 0;
  }
  util::Diagnostics diagnostics;
  const auto reference = yaml::load_with_libyaml(text, "fuzz.yaml", diagnostics);
  if (!reference || !diagnostics.all().empty()) {
    fail("the fast scanner accepted text libyaml reports on: " +
         (diagnostics.all().empty() ? std::string("no tree") : diagnostics.all().front().message));
  }
  if (const std::string difference = yaml::first_difference(*fast, *reference); !difference.empty()) {
    fail("trees differ: " + difference);
  }
  util::Diagnostics load_diagnostics;
  const auto loaded = yaml::load(text, "fuzz.yaml", load_diagnostics);
  if (!loaded || !load_diagnostics.all().empty() || !yaml::first_difference(*loaded, *reference).empty()) {
    fail("yaml::load differs from libyaml's tree");
  }
  return 0;
}
