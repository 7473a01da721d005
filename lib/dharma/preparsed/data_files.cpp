#include "dharma/preparsed/data_files.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

#include "dharma/preparsed/tree_codec.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/file.hpp"
#include "dharma/yaml/loader.hpp"

namespace dharma::preparsed {
namespace {

const EmbeddedFile* g_files = nullptr;
std::size_t g_count = 0;

// The trees handed out, by file and name: a file read again under the same
// name gets the same tree (nodes are const), and no tree is freed node by
// node before the process ends (docs/ARCHITECTURE.md, "Fast exit"). Bounded
// by the shipped files times the data directories a process reads.
struct Decoded {
  const EmbeddedFile* file;
  std::string name;
  yaml::NodePtr root;
};
std::mutex g_mutex;  // the loaders may run on several threads (load tests)

std::vector<Decoded>& decoded() {
  static auto* kept = new std::vector<Decoded>();  // never destroyed
  return *kept;
}

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
  const std::lock_guard lock(g_mutex);
  decoded().clear();
  g_files = files;
  g_count = count;
}

yaml::NodePtr load(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics) {
  std::unique_lock lock(g_mutex);
  if (const EmbeddedFile* file = find(text); file != nullptr) {
    for (const auto& known : decoded()) {
      if (known.file == file && known.name == file_name) {
        return known.root;
      }
    }
    auto root = decode_tree(file->tree, yaml::intern_file_name(file_name));
    decoded().push_back({file, file_name, root});
    return root;
  }
  lock.unlock();
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
