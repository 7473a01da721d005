#pragma once
// The YAML files dharma ships (type catalog, provider mappings, policies,
// price catalogs), parsed at build time: the executable carries each file's
// text and its tree (tree_codec.hpp), and the loaders of those files ask here
// first. A file is taken from the build only when its bytes are exactly the
// text the build parsed, wherever it lies, so a data directory given by
// DHARMA_HOME, an edited file or a file that is not dharma's is parsed as
// before, with the same located errors; what a command reads and prints is
// the same either way.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::preparsed {

struct EmbeddedFile {
  std::string_view text;  // the file's bytes when the build parsed it
  std::string_view tree;  // yaml::load of `text`, in tree_codec's form
  std::string_view path;  // where the build read it, relative to the source tree (templates/aws/x.yaml)
};

// Makes `files` (sorted by text size, alive for the whole process) the ones
// load() recognises. Until it is called, and in programs that never call it
// (the unit tests), load() always parses.
void install(const EmbeddedFile* files, std::size_t count);

// Makes `paths` (sorted, alive for the whole process) the template files the
// build loaded as a whole (type catalog and every provider mapping, paths as
// in EmbeddedFile) without a single diagnostic; empty when it found any.
void install_verified_templates(const std::string_view* paths, std::size_t count);

// True when `paths` (any order) are exactly the verified template files
// whose paths start with `prefix`.
bool is_verified_templates(std::vector<std::string> paths, std::string_view prefix = "templates/");

// The installed file whose bytes are `text` and that the build read at
// `path`; nullptr when there is none.
const EmbeddedFile* find_shipped(std::string_view text, std::string_view path);

// The built tree of `file`, named `file_name` (kept for the process).
yaml::NodePtr tree_of(const EmbeddedFile& file, const std::string& file_name);

// Reads `path` into `text`; a file that cannot be read is added to
// `diagnostics` (as load_file does) and gives false.
bool read_or_report(const std::string& path, std::string& text, util::Diagnostics& diagnostics);

// yaml::load(text, file_name, diagnostics): the built tree when `text` is one
// of the installed files' bytes, else the text parsed.
yaml::NodePtr load(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics);

// yaml::load_file(path, diagnostics), through load() above.
yaml::NodePtr load_file(const std::string& path, util::Diagnostics& diagnostics);

}  // namespace dharma::preparsed
