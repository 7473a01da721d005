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
const std::string_view* g_verified = nullptr;
std::size_t g_verified_count = 0;

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

// The first installed file with the bytes `text` (and, unless `path` is
// empty, read by the build at `path`).
const EmbeddedFile* find(std::string_view text, std::string_view path = {}) {
  const EmbeddedFile* end = g_files + g_count;
  // Sizes first: a blueprint almost never has the exact size of a shipped
  // file, so its bytes are not compared at all.
  const EmbeddedFile* it =
      std::lower_bound(g_files, end, text.size(),
                       [](const EmbeddedFile& file, std::size_t size) { return file.text.size() < size; });
  for (; it != end && it->text.size() == text.size(); ++it) {
    if ((path.empty() || it->path == path) && it->text == text) {
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

void install_verified_templates(const std::string_view* paths, std::size_t count) {
  const std::lock_guard lock(g_mutex);
  g_verified = paths;
  g_verified_count = count;
}

bool is_verified_templates(std::vector<std::string> paths, std::string_view prefix) {
  const std::lock_guard lock(g_mutex);
  std::vector<std::string_view> verified;
  for (std::size_t i = 0; i < g_verified_count; ++i) {
    if (g_verified[i].substr(0, prefix.size()) == prefix) {
      verified.push_back(g_verified[i]);
    }
  }
  if (verified.empty() || paths.size() != verified.size()) {
    return false;
  }
  std::sort(paths.begin(), paths.end());
  return std::equal(paths.begin(), paths.end(), verified.begin());
}

const EmbeddedFile* find_shipped(std::string_view text, std::string_view path) {
  const std::lock_guard lock(g_mutex);
  return path.empty() ? nullptr : find(text, path);
}

yaml::NodePtr tree_of(const EmbeddedFile& file, const std::string& file_name) {
  const std::lock_guard lock(g_mutex);
  for (const auto& known : decoded()) {
    if (known.file == &file && known.name == file_name) {
      return known.root;
    }
  }
  auto root = decode_tree(file.tree, yaml::intern_file_name(file_name));
  decoded().push_back({&file, file_name, root});
  return root;
}

bool read_or_report(const std::string& path, std::string& text, util::Diagnostics& diagnostics) {
  try {
    text = util::read_file(path);
  } catch (const util::Error& e) {
    diagnostics.error({}, e.what());
    return false;
  }
  return true;
}

yaml::NodePtr load(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics) {
  std::unique_lock lock(g_mutex);
  const EmbeddedFile* file = find(text);
  lock.unlock();
  if (file != nullptr) {
    return tree_of(*file, file_name);
  }
  return yaml::load(text, file_name, diagnostics);
}

yaml::NodePtr load_file(const std::string& path, util::Diagnostics& diagnostics) {
  std::string text;
  if (!read_or_report(path, text, diagnostics)) {
    return nullptr;
  }
  return load(text, path, diagnostics);
}

}  // namespace dharma::preparsed
