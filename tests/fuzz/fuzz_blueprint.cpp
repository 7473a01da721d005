// libFuzzer target for the blueprint loader: arbitrary bytes go through
// exactly what `dharma blueprint validate` and `show` do — yaml::load,
// read_document, resolve against the real catalog (templates/), once without
// and once with the first declared environment — and, when the blueprint
// resolves, through resolved_to_json and yaml::to_yaml. Besides "no crash, no
// sanitizer report", it checks two properties and aborts when they fail:
//   * a blueprint that resolved has no error diagnostics (and vice versa);
//   * the YAML that `show` prints parses back, without errors, to the same data.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dharma/blueprint/document.hpp"
#include "dharma/blueprint/json_view.hpp"
#include "dharma/blueprint/resolver.hpp"
#include "dharma/catalog/catalog.hpp"
#include "dharma/value/literal.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/writer.hpp"

namespace {

using namespace dharma;

const catalog::Catalog& real_catalog() {
  static const catalog::Catalog catalog = [] {
    util::Diagnostics problems;
    auto loaded = catalog::Catalog::load(DHARMA_FUZZ_TEMPLATES, problems);
    if (problems.has_errors()) {
      std::fprintf(stderr, "fuzz_blueprint: the catalog in %s does not load\n", DHARMA_FUZZ_TEMPLATES);
      std::abort();
    }
    return loaded;
  }();
  return catalog;
}

[[noreturn]] void property_failed(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_blueprint: %s\n%s\n", what, detail.c_str());
  std::abort();
}

void check_show_round_trip(const blueprint::ResolvedBlueprint& resolved) {
  const auto json = blueprint::resolved_to_json(resolved, true);
  const std::string text = yaml::to_yaml(json);
  util::Diagnostics problems;
  const auto reparsed = yaml::load(text, "show.yaml", problems);
  if (!reparsed || problems.has_errors()) {
    property_failed("show's YAML does not parse back", text);
  }
  const auto again = blueprint::value_to_json(value::literal_value(*reparsed), true);
  if (again != json) {
    property_failed("show's YAML parses back to different data", json.dump() + "\n---\n" + again.dump());
  }
}

void resolve_once(const blueprint::Document& document, const std::string& environment) {
  util::Diagnostics diagnostics;
  blueprint::ResolveInputs inputs{environment, {}, {}};
  const auto resolved = blueprint::resolve(document, real_catalog(), inputs, diagnostics);
  if (resolved.has_value() == diagnostics.has_errors()) {
    property_failed("resolve() result disagrees with its diagnostics", document.file);
  }
  if (resolved) {
    check_show_round_trip(*resolved);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  util::Diagnostics diagnostics;
  const auto root = yaml::load(text, "fuzz.yaml", diagnostics);
  if (!root) {
    return 0;
  }
  const blueprint::Document document = blueprint::read_document(root, "fuzz.yaml", diagnostics);
  if (!root->is_map()) {
    return 0;
  }
  resolve_once(document, "");
  if (!document.environments.empty()) {
    resolve_once(document, document.environments.front().name);
  }
  return 0;
}
