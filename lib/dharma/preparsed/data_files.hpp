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

#include "dharma/util/diagnostics.hpp"
#include "dharma/yaml/node.hpp"

namespace dharma::preparsed {

struct EmbeddedFile {
  std::string_view text;  // the file's bytes when the build parsed it
  std::string_view tree;  // yaml::load of `text`, in tree_codec's form
};

// Makes `files` (sorted by text size, alive for the whole process) the ones
// load() recognises. Until it is called, and in programs that never call it
// (the unit tests), load() always parses.
void install(const EmbeddedFile* files, std::size_t count);

// yaml::load(text, file_name, diagnostics): the built tree when `text` is one
// of the installed files' bytes, else the text parsed.
yaml::NodePtr load(std::string_view text, const std::string& file_name, util::Diagnostics& diagnostics);

// yaml::load_file(path, diagnostics), through load() above.
yaml::NodePtr load_file(const std::string& path, util::Diagnostics& diagnostics);

}  // namespace dharma::preparsed
