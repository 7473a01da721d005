#pragma once
// The catalog: every portable resource type dharma knows, loaded from
// templates/ as data (docs/catalog.md). Adding a type is adding a file.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "dharma/catalog/type_schema.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::catalog {

// Providers dharma targets and the prefixes of their native resource types.
struct ProviderInfo {
  std::string name;           // aws
  std::string native_prefix;  // aws_
};
const std::vector<ProviderInfo>& providers();
const ProviderInfo* find_provider(const std::string& name);
// True for provider-native types such as aws_iam_role or kubernetes_manifest.
bool is_native_type(const std::string& type);

class Catalog {
 public:
  // Loads templates/types/*.yaml under `templates_dir`. Problems in catalog
  // files are added to `diagnostics` with file:line:col.
  static Catalog load(const std::filesystem::path& templates_dir, util::Diagnostics& diagnostics);

  const TypeSchema* find_type(const std::string& type) const;
  std::vector<std::string> type_names() const;
  const std::filesystem::path& directory() const { return m_directory; }

 private:
  std::filesystem::path m_directory;
  std::map<std::string, std::shared_ptr<TypeSchema>> m_types;
};

}  // namespace dharma::catalog
