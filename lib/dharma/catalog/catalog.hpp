#pragma once
// The catalog: every portable resource type dharma knows, loaded from
// templates/ as data (docs/catalog.md). Adding a type is adding a file.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dharma/catalog/type_schema.hpp"
#include "dharma/util/diagnostics.hpp"

namespace dharma::preparsed {
struct EmbeddedFile;
}

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
  // files are added to `diagnostics` with file:line:col. Every file is read;
  // when they are exactly the type files the build loaded without a problem
  // (preparsed::is_verified_templates: same places, same bytes), each type
  // is built on first use (find_type) instead, which could report nothing.
  static Catalog load(const std::filesystem::path& templates_dir, util::Diagnostics& diagnostics);

  const TypeSchema* find_type(const std::string& type) const;
  std::vector<std::string> type_names() const;
  const std::filesystem::path& directory() const { return m_directory; }
  // When every type file had exactly the bytes the build read at the same
  // place: their paths as preparsed::EmbeddedFile names them; else empty.
  const std::vector<std::string>& shipped_files() const { return m_shipped_files; }

 private:
  std::filesystem::path m_directory;
  std::vector<std::string> m_shipped_files;
  struct Slot {
    std::shared_ptr<TypeSchema> schema;
    const preparsed::EmbeddedFile* shipped = nullptr;  // set: built on first use from this file
    std::string file;
    std::once_flag built;
  };
  std::map<std::string, std::shared_ptr<Slot>> m_types;
};

}  // namespace dharma::catalog
