#include "dharma/preparsed/data_files.hpp"

#include <algorithm>
#include <memory>

#include "dharma/preparsed/tree_codec.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::preparsed {
namespace {

const EmbeddedFile* g_files = nullptr;
std::size_t g_count = 0;

const EmbeddedFile* find(std::string_view text) {
  const EmbeddedFile* end = g_files + g_count;
  // Sizes first: a blueprint almost never has the exact size of a shipped
  // file, so its bytes are not compared at all.
  const EmbeddedFile* it =
      std::lower_bound(g_files, end, text.size(),
                       [](const EmbeddedFile& file, std::size_t size) { return file.text.size() < size; });
  for (; it != end && it->text.size() == text.size(); ++it) {
    if (it->text == text) {
      return it;
    }
  }
  return nullptr;
}

}  // namespace

void install(const EmbeddedFile* files, std::size_t count) {
  g_files = files;
  g_count = count;
}

yaml::NodePtr load(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics) {
  if (const EmbeddedFile* file = find(text); file != nullptr) {
    return decode_tree(file->tree, std::make_shared<const std::string>(file_name));
  }
  return yaml::load(text, file_name, diagnostics);
}

yaml::NodePtr load_file(const std::string& path, util::Diagnostics& diagnostics) {
  std::string text;
  try {
    text = util::read_file(path);
  } catch (const util::Error& e) {
    diagnostics.error({}, e.what());
    return nullptr;
  }
  return load(text, path, diagnostics);
}

}  // namespace dharma::preparsed
