#pragma once
// Test helper: resolves blueprint text the way `dharma blueprint` does
// (yaml::load, read_document, resolve against the real catalog in
// templates/), keeping every tree alive so values can point into them.

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "dharma/blueprint/document.hpp"
#include "dharma/blueprint/json_view.hpp"
#include "dharma/blueprint/resolver.hpp"
#include "dharma/catalog/catalog.hpp"
#include "dharma/catalog/provider_mapping.hpp"
#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::test {

inline const catalog::Catalog& real_catalog() {
  static const catalog::Catalog catalog = [] {
    util::Diagnostics problems;
    auto loaded = catalog::Catalog::load(std::string(DHARMA_SOURCE_DIR) + "/templates", problems);
    REQUIRE_FALSE(problems.has_errors());
    return loaded;
  }();
  return catalog;
}

// The shipped provider mappings (templates/), loaded once for every test.
inline const catalog::MappingCatalog& real_mappings() {
  static const catalog::MappingCatalog mappings = [] {
    util::Diagnostics problems;
    auto loaded = catalog::MappingCatalog::load(std::string(DHARMA_SOURCE_DIR) + "/templates",
                                                &real_catalog(), problems);
    REQUIRE_FALSE(problems.has_errors());
    return loaded;
  }();
  return mappings;
}

// The standard header of a valid AWS blueprint; tests append their sections.
inline std::string blueprint_header() {
  return "apiVersion: dharma/v1\nkind: Blueprint\nmetadata: {name: unit, owner: team-qa}\n"
         "provider: aws\nregion: us-east-1\n";
}

struct Resolution {
  yaml::NodePtr root;
  blueprint::Document document;
  util::Diagnostics diagnostics;
  std::optional<blueprint::ResolvedBlueprint> resolved;

  // Every diagnostic as "file:line:col: severity: message", in order.
  std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& diagnostic : diagnostics.sorted()) {
      out.push_back(util::format_diagnostic(diagnostic));
    }
    return out;
  }
  std::string first_error() const {
    for (const auto& diagnostic : diagnostics.sorted()) {
      if (diagnostic.severity == util::Severity::error) {
        return util::format_diagnostic(diagnostic);
      }
    }
    return "";
  }
  // The resolved form as `blueprint show --format json` prints it.
  nlohmann::ordered_json json() const {
    REQUIRE(resolved.has_value());
    return blueprint::resolved_to_json(*resolved, true);
  }
};

inline Resolution resolve_text(const std::string& text, const blueprint::ResolveInputs& inputs = {}) {
  Resolution r;
  r.root = yaml::load(text, "t.yaml", r.diagnostics);
  if (!r.root) {
    return r;
  }
  r.document = blueprint::read_document(r.root, "t.yaml", r.diagnostics);
  if (!r.root->is_map()) {
    return r;
  }
  r.resolved = blueprint::resolve(r.document, real_catalog(), inputs, r.diagnostics);
  return r;
}

}  // namespace dharma::test
